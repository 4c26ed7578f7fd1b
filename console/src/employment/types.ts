/** The employment desk's API types, from the generated declarations (the server's schemas). */
import type { paths } from '../../../miniprogram/types/api';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type Ok<Op> = Op extends { responses: { 200: infer R } } ? Json<R> : never;
type Created<Op> = Op extends { responses: { 201: infer R } } ? Json<R> : never;
type Body<Op> = Op extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

export type EmployerPage = Ok<paths['/api/v1/staff/employment/employers']['get']>;
export type StaffEmployer = EmployerPage['items'][number];
export type EmployerStatus = StaffEmployer['status'];
export type EmployerDetail = Ok<paths['/api/v1/staff/employment/employers/{id}']['get']>;
export type EmploymentHistoryEntry = EmployerDetail['history'][number];
export type PostingPage = Ok<paths['/api/v1/staff/employment/postings']['get']>;
export type StaffPosting = PostingPage['items'][number];
export type PostingStatus = StaffPosting['status'];
export type PostingDetail = Ok<paths['/api/v1/staff/employment/postings/{id}']['get']>;
export type FairList = Ok<paths['/api/v1/staff/employment/fairs']['get']>;
export type Fair = Created<paths['/api/v1/staff/employment/fairs']['post']>;
export type FairMode = Fair['mode'];
export type FairBody = Body<paths['/api/v1/staff/employment/fairs']['post']>;
export type SignupList = Ok<paths['/api/v1/staff/employment/fairs/{id}/signups']['get']>;
export type StaffSignup = SignupList['items'][number];
export type Intention = SignupList['intentions'][number];
export type EmploymentFigures = Ok<paths['/api/v1/staff/employment/figures']['get']>;
