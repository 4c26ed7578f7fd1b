import { z } from 'zod';
import { ROLES } from '../../lib/principal';
import { HOLDER_CATEGORIES } from '../../lib/id-number';

export const identityBody = z.strictObject({
  name: z
    .string()
    .trim()
    .min(2, '姓名至少 2 个字')
    .max(30, '姓名不超过 30 个字')
    .regex(/^[\p{Script=Han}A-Za-z·•.\s]+$/u, '姓名只能包含汉字、字母和间隔号'),
  idNumber: z.string().trim().min(1, '请填写身份证号码').max(32),
  phone: z
    .string()
    .trim()
    .regex(/^1[3-9]\d{9}$/, '请填写 11 位手机号码'),
  category: z.enum(HOLDER_CATEGORIES),
});

export const identityView = z.object({
  name: z.string(),
  idNumberMasked: z.string(),
  phoneMasked: z.string(),
  category: z.enum(HOLDER_CATEGORIES),
  verified: z.boolean(),
});

export const meView = z.object({
  id: z.number().int(),
  displayName: z.string(),
  roles: z.array(z.enum(ROLES)),
  identity: identityView.nullable(),
});

export const consentView = z.object({
  currentVersion: z.string(),
  agreedVersion: z.string().nullable(),
  agreedAt: z.string().nullable(),
  text: z.object({
    title: z.string(),
    intro: z.string(),
    items: z.array(z.object({ key: z.string(), title: z.string(), detail: z.string() })),
  }),
});

export const consentBody = z.strictObject({ version: z.string().trim().min(1).max(16) });

export const consentRecordView = z.object({
  version: z.string(),
  action: z.enum(['agree', 'withdraw']),
  items: z.array(z.string()),
  at: z.string(),
});
