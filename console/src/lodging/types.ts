/** The 军人驿站 screens' API types, from the generated declarations (the server's schemas). */
import type { paths } from '../../../miniprogram/types/api';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type Ok<Op> = Op extends { responses: { 200: infer R } } ? Json<R> : never;
type Body<Op> = Op extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

export type StaffHotelList = Ok<paths['/api/v1/staff/lodging/hotels']['get']>;
export type StaffHotel = StaffHotelList['items'][number];
export type HotelStatus = StaffHotel['status'];
export type HotelCreate = Body<paths['/api/v1/staff/lodging/hotels']['post']>;
export type HotelUpdate = Body<paths['/api/v1/staff/lodging/hotels/{id}']['put']>;
export type StaffBookingPage = Ok<paths['/api/v1/staff/lodging/bookings']['get']>;
export type StaffBooking = StaffBookingPage['items'][number];
export type StaffBookingDetail = Ok<paths['/api/v1/staff/lodging/bookings/{id}']['get']>;
export type BookingStatus = StaffBooking['status'];
export type ProofStatus = StaffBooking['proofStatus'];
export type GuestKind = StaffBooking['guestKind'];
export type BookingHistoryEntry = StaffBookingDetail['history'][number];
export type LodgingFigures = Ok<paths['/api/v1/staff/lodging/figures']['get']>;
export type LodgingFiguresRow = LodgingFigures['total'];
