import { download } from './request';

/** A private file (the owner's or, for staff, an applicant's) as a temporary local path. */
export const privateFilePath = (fileId: number) => download(`/api/v1/files/${fileId}`);
