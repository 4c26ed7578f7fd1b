/**
 * The server's API as the mini-program sees it: generated from GET /api/v1/openapi.json by
 * scripts/gen-api-types.ts. Do not edit; run `npm run gen:api-types` after changing a route's schemas.
 */

export interface paths {
  "/api/v1/health": {
    /** Liveness */
    get: {
      responses: {
        /** @description Alive */
        200: {
          content: {
            "application/json": {
              /** @constant */
              status: "ok";
            };
          };
        };
        /** @description Error */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/ready": {
    /** Readiness: 200 when the database answers, else 503 */
    get: {
      responses: {
        /** @description Ready */
        200: {
          content: {
            "application/json": {
              /** @constant */
              status: "ready";
            };
          };
        };
        /** @description Error: NOT_READY */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/openapi.json": {
    /** This document */
    get: {
      responses: {
        /** @description OpenAPI 3.1 document */
        200: {
          content: {
            "application/json": {
              openapi: string;
              info: {
                title: string;
                version: string;
                [key: string]: unknown;
              };
              paths: {
                [key: string]: unknown;
              };
              [key: string]: unknown;
            };
          };
        };
        /** @description Error */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/auth/wechat-login": {
    /** Log in with the code from wx.login */
    post: {
      requestBody: {
        content: {
          "application/json": {
            code: string;
          };
        };
      };
      responses: {
        /** @description A new session */
        200: {
          content: {
            "application/json": {
              accessToken: string;
              /** Format: date-time */
              accessTokenExpiresAt: string;
              refreshToken: string;
              user: {
                id: number;
                roles: ("holder" | "merchant_owner" | "merchant_clerk" | "lawyer" | "station_staff" | "district_staff" | "admin" | "errand_runner")[];
              };
              recoveryCodes?: string[];
            };
          };
        };
        /** @description Error: WECHAT_CODE_INVALID, WECHAT_USER_BLOCKED, WECHAT_UNAVAILABLE, ACCOUNT_DISABLED, RATE_LIMITED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/auth/password-login": {
    /** Log in with a username and password (accounts created by staff). Admin and district accounts get `{ mfaRequired, mfaToken, enrolled }` and continue at /auth/mfa/verify (after /auth/mfa/enroll when not enrolled). With `X-Client: console` the refresh token is set as the `ry_refresh` cookie instead */
    post: {
      requestBody: {
        content: {
          "application/json": {
            username: string;
            password: string;
          };
        };
      };
      responses: {
        /** @description A new session, or the second-factor step */
        200: {
          content: {
            "application/json": ({
              accessToken: string;
              /** Format: date-time */
              accessTokenExpiresAt: string;
              refreshToken: string;
              user: {
                id: number;
                roles: ("holder" | "merchant_owner" | "merchant_clerk" | "lawyer" | "station_staff" | "district_staff" | "admin" | "errand_runner")[];
              };
              recoveryCodes?: string[];
            }) | ({
              accessToken: string;
              /** Format: date-time */
              accessTokenExpiresAt: string;
              user: {
                id: number;
                roles: ("holder" | "merchant_owner" | "merchant_clerk" | "lawyer" | "station_staff" | "district_staff" | "admin" | "errand_runner")[];
              };
              recoveryCodes?: string[];
            }) | {
              /** @constant */
              mfaRequired: true;
              mfaToken: string;
              enrolled: boolean;
            };
          };
        };
        /** @description Error: INVALID_CREDENTIALS, ACCOUNT_DISABLED, RATE_LIMITED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/auth/mfa/enroll": {
    /** Start enrolling an authenticator app (TOTP, SHA-1, 6 digits, 30 s): the secret and its otpauth URL */
    post: {
      requestBody: {
        content: {
          "application/json": {
            mfaToken: string;
          };
        };
      };
      responses: {
        /** @description The secret to show as a QR code */
        200: {
          content: {
            "application/json": {
              secret: string;
              otpauthUrl: string;
            };
          };
        };
        /** @description Error: UNAUTHENTICATED, MFA_ALREADY_ENROLLED, RATE_LIMITED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/auth/mfa/verify": {
    /** Complete the sign-in with a code from the authenticator app or a recovery code; the first code after an enrolment also returns the recovery codes (once) */
    post: {
      requestBody: {
        content: {
          "application/json": {
            mfaToken: string;
            code: string;
          } | {
            mfaToken: string;
            recoveryCode: string;
          };
        };
      };
      responses: {
        /** @description A new session */
        200: {
          content: {
            "application/json": ({
              accessToken: string;
              /** Format: date-time */
              accessTokenExpiresAt: string;
              refreshToken: string;
              user: {
                id: number;
                roles: ("holder" | "merchant_owner" | "merchant_clerk" | "lawyer" | "station_staff" | "district_staff" | "admin" | "errand_runner")[];
              };
              recoveryCodes?: string[];
            }) | ({
              accessToken: string;
              /** Format: date-time */
              accessTokenExpiresAt: string;
              user: {
                id: number;
                roles: ("holder" | "merchant_owner" | "merchant_clerk" | "lawyer" | "station_staff" | "district_staff" | "admin" | "errand_runner")[];
              };
              recoveryCodes?: string[];
            });
          };
        };
        /** @description Error: UNAUTHENTICATED, MFA_CODE_INVALID, MFA_LOCKED, MFA_NOT_ENROLLED, RATE_LIMITED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/auth/refresh": {
    /** Trade a refresh token for a new pair; a reused token revokes its whole family. The console sends no body: its `ry_refresh` cookie, with `X-CSRF-Token` equal to the `ry_csrf` cookie */
    post: {
      requestBody: {
        content: {
          "application/json": {
            refreshToken?: string;
          };
        };
      };
      responses: {
        /** @description A new session */
        200: {
          content: {
            "application/json": ({
              accessToken: string;
              /** Format: date-time */
              accessTokenExpiresAt: string;
              refreshToken: string;
              user: {
                id: number;
                roles: ("holder" | "merchant_owner" | "merchant_clerk" | "lawyer" | "station_staff" | "district_staff" | "admin" | "errand_runner")[];
              };
              recoveryCodes?: string[];
            }) | ({
              accessToken: string;
              /** Format: date-time */
              accessTokenExpiresAt: string;
              user: {
                id: number;
                roles: ("holder" | "merchant_owner" | "merchant_clerk" | "lawyer" | "station_staff" | "district_staff" | "admin" | "errand_runner")[];
              };
              recoveryCodes?: string[];
            });
          };
        };
        /** @description Error: UNAUTHENTICATED, CSRF_INVALID, SESSION_IDLE, RATE_LIMITED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/auth/logout": {
    /** End the session of a refresh token (the body’s, or the console’s cookie with `X-CSRF-Token`); the console’s cookies are cleared */
    post: {
      requestBody: {
        content: {
          "application/json": {
            refreshToken?: string;
          };
        };
      };
      responses: {
        /** @description Logged out */
        204: {
          content: never;
        };
        /** @description Error: CSRF_INVALID, RATE_LIMITED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/stations": {
    /** Service stations a holder can choose */
    get: {
      responses: {
        /** @description Stations */
        200: {
          content: {
            "application/json": {
              items: ({
                  id: number;
                  name: string;
                  district: {
                    id: number;
                    name: string;
                  };
                  address: string;
                  phone: string | null;
                })[];
              nextCursor: null;
            };
          };
        };
        /** @description Error */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/accounts": {
    /** Staff, lawyer and merchant accounts, newest first, with roles and second-factor state (admin) */
    get: {
      parameters: {
        query?: {
          cursor?: string;
          limit?: number;
          q?: string;
          role?: "merchant_owner" | "merchant_clerk" | "lawyer" | "station_staff" | "district_staff" | "admin" | "errand_runner";
          stationId?: number;
          districtId?: number;
          disabled?: "true" | "false";
        };
      };
      responses: {
        /** @description A page of accounts */
        200: {
          content: {
            "application/json": {
              items: ({
                  id: number;
                  username: string | null;
                  displayName: string;
                  roles: ("holder" | "merchant_owner" | "merchant_clerk" | "lawyer" | "station_staff" | "district_staff" | "admin" | "errand_runner")[];
                  stationId: number | null;
                  districtId: number | null;
                  disabled: boolean;
                  mfaEnrolled: boolean;
                  lastLoginAt: string | null;
                  createdAt: string;
                })[];
              nextCursor: string | null;
            };
          };
        };
        /** @description Error: VALIDATION_FAILED, FORBIDDEN */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
    /** Create a staff, lawyer or merchant account (admin) */
    post: {
      requestBody: {
        content: {
          "application/json": {
            username: string;
            password: string;
            displayName: string;
            roles: ("merchant_owner" | "merchant_clerk" | "lawyer" | "station_staff" | "district_staff" | "admin" | "errand_runner")[];
            stationId?: number;
            districtId?: number;
          };
        };
      };
      responses: {
        /** @description Created */
        201: {
          content: {
            "application/json": {
              id: number;
            };
          };
        };
        /** @description Error: VALIDATION_FAILED, USERNAME_TAKEN, FORBIDDEN */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/accounts/{id}/disable": {
    /** Disable an account: no more logins, its sessions and access tokens end at once (admin) */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description The account as it is now */
        200: {
          content: {
            "application/json": {
              id: number;
              username: string | null;
              disabled: boolean;
              roles: ("holder" | "merchant_owner" | "merchant_clerk" | "lawyer" | "station_staff" | "district_staff" | "admin" | "errand_runner")[];
            };
          };
        };
        /** @description Error: NOT_FOUND, SELF_LOCKOUT, FORBIDDEN */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/accounts/{id}/enable": {
    /** Enable a disabled account again; it logs in afresh (admin) */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description The account as it is now */
        200: {
          content: {
            "application/json": {
              id: number;
              username: string | null;
              disabled: boolean;
              roles: ("holder" | "merchant_owner" | "merchant_clerk" | "lawyer" | "station_staff" | "district_staff" | "admin" | "errand_runner")[];
            };
          };
        };
        /** @description Error: NOT_FOUND, FORBIDDEN */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/accounts/{id}/roles": {
    /** Set an account's roles; access tokens with the old roles stop working at once (admin) */
    put: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            roles: ("merchant_owner" | "merchant_clerk" | "lawyer" | "station_staff" | "district_staff" | "admin" | "errand_runner")[];
          };
        };
      };
      responses: {
        /** @description The account as it is now */
        200: {
          content: {
            "application/json": {
              id: number;
              username: string | null;
              disabled: boolean;
              roles: ("holder" | "merchant_owner" | "merchant_clerk" | "lawyer" | "station_staff" | "district_staff" | "admin" | "errand_runner")[];
            };
          };
        };
        /** @description Error: VALIDATION_FAILED, NOT_FOUND, SELF_LOCKOUT, FORBIDDEN */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/audit-logs": {
    /** The audit trail of staff actions, newest first (admin) */
    get: {
      parameters: {
        query?: {
          cursor?: string;
          limit?: number;
          targetType?: string;
          targetId?: string;
          actorAccountId?: number;
          action?: string;
          from?: string;
          to?: string;
        };
      };
      responses: {
        /** @description A page of entries */
        200: {
          content: {
            "application/json": {
              items: ({
                  id: number;
                  actorAccountId: number | null;
                  action: string;
                  targetType: string;
                  targetId: string | null;
                  detail: {
                    [key: string]: unknown;
                  } | null;
                  requestId: string | null;
                  at: string;
                  actor: ({
                    username: string | null;
                    displayName: string;
                  }) | null;
                  targetAccount: ({
                    username: string | null;
                    displayName: string;
                  }) | null;
                })[];
              nextCursor: string | null;
            };
          };
        };
        /** @description Error: VALIDATION_FAILED, FORBIDDEN */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/accounts/{id}/password": {
    /** Set a new password for an account; its sessions end at once; audit-logged (admin) */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            password: string;
          };
        };
      };
      responses: {
        /** @description The account as it is now */
        200: {
          content: {
            "application/json": {
              id: number;
              username: string | null;
              disabled: boolean;
              roles: ("holder" | "merchant_owner" | "merchant_clerk" | "lawyer" | "station_staff" | "district_staff" | "admin" | "errand_runner")[];
            };
          };
        };
        /** @description Error: VALIDATION_FAILED, NOT_FOUND, FORBIDDEN */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/accounts/{id}/mfa/reset": {
    /** Remove the second factor and recovery codes: the next sign-in enrols again; audit-logged (admin) */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description The account as it is now */
        200: {
          content: {
            "application/json": {
              id: number;
              username: string | null;
              disabled: boolean;
              roles: ("holder" | "merchant_owner" | "merchant_clerk" | "lawyer" | "station_staff" | "district_staff" | "admin" | "errand_runner")[];
            };
          };
        };
        /** @description Error: NOT_FOUND, SELF_LOCKOUT, FORBIDDEN */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/accounts/{id}/placement": {
    /** Set an account's station and district (admin) */
    put: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            stationId: number | null;
            districtId: number | null;
          };
        };
      };
      responses: {
        /** @description The account as it is now */
        200: {
          content: {
            "application/json": {
              id: number;
              username: string | null;
              disabled: boolean;
              roles: ("holder" | "merchant_owner" | "merchant_clerk" | "lawyer" | "station_staff" | "district_staff" | "admin" | "errand_runner")[];
            };
          };
        };
        /** @description Error: VALIDATION_FAILED, NOT_FOUND, FORBIDDEN */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/districts": {
    /** Districts (admin) */
    get: {
      responses: {
        /** @description Districts */
        200: {
          content: {
            "application/json": {
              items: {
                  id: number;
                  code: string;
                  name: string;
                }[];
              nextCursor: null;
            };
          };
        };
        /** @description Error */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
    /** Add a district (admin) */
    post: {
      requestBody: {
        content: {
          "application/json": {
            code: string;
            name: string;
          };
        };
      };
      responses: {
        /** @description The district */
        201: {
          content: {
            "application/json": {
              id: number;
              code: string;
              name: string;
            };
          };
        };
        /** @description Error: VALIDATION_FAILED, DISTRICT_CODE_TAKEN, FORBIDDEN */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/districts/{id}": {
    /** Correct a district's code or name (admin) */
    patch: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            code?: string;
            name?: string;
          };
        };
      };
      responses: {
        /** @description The district */
        200: {
          content: {
            "application/json": {
              id: number;
              code: string;
              name: string;
            };
          };
        };
        /** @description Error: VALIDATION_FAILED, NOT_FOUND, DISTRICT_CODE_TAKEN, FORBIDDEN */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/stations": {
    /** Add a service station to a district (admin) */
    post: {
      requestBody: {
        content: {
          "application/json": {
            districtId: number;
            name: string;
            address: string;
            phone?: string | null;
          };
        };
      };
      responses: {
        /** @description The station */
        201: {
          content: {
            "application/json": {
              id: number;
              name: string;
              district: {
                id: number;
                name: string;
              };
              address: string;
              phone: string | null;
            };
          };
        };
        /** @description Error: VALIDATION_FAILED, STATION_NAME_TAKEN, FORBIDDEN */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/stations/{id}": {
    /** Correct a station's name, address or phone (admin) */
    patch: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            name?: string;
            address?: string;
            phone?: string | null;
          };
        };
      };
      responses: {
        /** @description The station */
        200: {
          content: {
            "application/json": {
              id: number;
              name: string;
              district: {
                id: number;
                name: string;
              };
              address: string;
              phone: string | null;
            };
          };
        };
        /** @description Error: VALIDATION_FAILED, NOT_FOUND, STATION_NAME_TAKEN, FORBIDDEN */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/exports/xlsx": {
    /** Write the tables a console screen shows as one Excel workbook, one sheet per table */
    post: {
      requestBody: {
        content: {
          "application/json": {
            filename: string;
            sheets: ({
                name: string;
                columns: string[];
                rows: ((string | number | boolean | null)[])[];
              })[];
          };
        };
      };
      responses: {
        /** @description An Excel workbook */
        200: {
          content: {
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
          };
        };
        /** @description Error: VALIDATION_FAILED, FORBIDDEN */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/me/timeline": {
    /** The caller’s notices, newest first; `after` returns only those newer than an id already seen */
    get: {
      parameters: {
        query?: {
          cursor?: string;
          limit?: number;
          after?: number;
        };
      };
      responses: {
        /** @description A page of notices */
        200: {
          content: {
            "application/json": {
              items: ({
                  id: number;
                  templateKey: string;
                  title: string;
                  body: string;
                  page: string | null;
                  at: string;
                })[];
              nextCursor: string | null;
            };
          };
        };
        /** @description Error */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/me/subscriptions": {
    /** Subscribe-message grants the caller holds, by template */
    get: {
      responses: {
        /** @description Grants by template */
        200: {
          content: {
            "application/json": {
              grants: {
                [key: string]: number;
              };
            };
          };
        };
        /** @description Error */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
    /** Report what wx.requestSubscribeMessage returned; each accept allows one message of that template */
    post: {
      requestBody: {
        content: {
          "application/json": {
            results: {
              [key: string]: "accept" | "reject" | "ban" | "filter";
            };
          };
        };
      };
      responses: {
        /** @description Grants now held, by template */
        200: {
          content: {
            "application/json": {
              grants: {
                [key: string]: number;
              };
            };
          };
        };
        /** @description Error: VALIDATION_FAILED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/outbox": {
    /** Notices by delivery status, newest first (e.g. status=dead) */
    get: {
      parameters: {
        query?: {
          cursor?: string;
          limit?: number;
          status?: "pending" | "sending" | "retry" | "sent" | "skipped" | "dead";
        };
      };
      responses: {
        /** @description A page of outbox rows */
        200: {
          content: {
            "application/json": {
              items: ({
                  id: number;
                  recipientAccountId: number;
                  templateKey: string;
                  title: string;
                  /** @enum {string} */
                  status: "pending" | "sending" | "retry" | "sent" | "skipped" | "dead";
                  attempts: number;
                  lastError: string | null;
                  nextAttemptAt: string;
                  sentAt: string | null;
                  createdAt: string;
                })[];
              nextCursor: string | null;
            };
          };
        };
        /** @description Error */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/outbox/{id}/retry": {
    /** Queue a dead notice again */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description The notice, pending again */
        200: {
          content: {
            "application/json": {
              id: number;
              recipientAccountId: number;
              templateKey: string;
              title: string;
              /** @enum {string} */
              status: "pending" | "sending" | "retry" | "sent" | "skipped" | "dead";
              attempts: number;
              lastError: string | null;
              nextAttemptAt: string;
              sentAt: string | null;
              createdAt: string;
            };
          };
        };
        /** @description Error: NOT_FOUND, INVALID_TRANSITION */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/me": {
    /** The caller: roles and masked identity */
    get: {
      responses: {
        /** @description The caller */
        200: {
          content: {
            "application/json": {
              id: number;
              displayName: string;
              roles: ("holder" | "merchant_owner" | "merchant_clerk" | "lawyer" | "station_staff" | "district_staff" | "admin" | "errand_runner")[];
              identity: ({
                name: string;
                idNumberMasked: string;
                phoneMasked: string;
                /** @enum {string} */
                category: "veteran" | "martyr_family" | "duty_death_family" | "illness_death_family";
                verified: boolean;
              }) | null;
            };
          };
        };
        /** @description Error */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/me/identity": {
    /** Bind or correct the caller’s identity (ID number checked against GB 11643); once a station has verified it, only the phone may change here */
    put: {
      requestBody: {
        content: {
          "application/json": {
            name: string;
            idNumber: string;
            phone: string;
            /** @enum {string} */
            category: "veteran" | "martyr_family" | "duty_death_family" | "illness_death_family";
          };
        };
      };
      responses: {
        /** @description The identity, masked */
        200: {
          content: {
            "application/json": {
              name: string;
              idNumberMasked: string;
              phoneMasked: string;
              /** @enum {string} */
              category: "veteran" | "martyr_family" | "duty_death_family" | "illness_death_family";
              verified: boolean;
            };
          };
        };
        /** @description Error: VALIDATION_FAILED, CONSENT_REQUIRED, ID_NUMBER_INVALID, ID_NUMBER_TAKEN, IDENTITY_LOCKED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/me/consent": {
    /** The consent text for sensitive personal information (current version) and the version the caller agreed to */
    get: {
      responses: {
        /** @description Consent text and standing */
        200: {
          content: {
            "application/json": {
              currentVersion: string;
              agreedVersion: string | null;
              agreedAt: string | null;
              text: {
                title: string;
                intro: string;
                items: {
                    key: string;
                    title: string;
                    detail: string;
                  }[];
              };
            };
          };
        };
        /** @description Error */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
    /** Agree to the consent text of the given version (recorded, never overwritten) */
    post: {
      requestBody: {
        content: {
          "application/json": {
            version: string;
          };
        };
      };
      responses: {
        /** @description The consent record */
        201: {
          content: {
            "application/json": {
              version: string;
              /** @enum {string} */
              action: "agree" | "withdraw";
              items: string[];
              at: string;
            };
          };
        };
        /** @description Error: VALIDATION_FAILED, CONSENT_VERSION_STALE */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/me/identity-change-requests": {
    /** The caller’s change requests, newest first, with their history */
    get: {
      responses: {
        /** @description Requests */
        200: {
          content: {
            "application/json": {
              items: ({
                  id: number;
                  /** @enum {string} */
                  status: "submitted" | "approved" | "rejected" | "withdrawn";
                  changes: {
                    name: string | null;
                    /** @enum {string|null} */
                    category: "veteran" | "martyr_family" | "duty_death_family" | "illness_death_family" | null;
                    idNumberMasked: string | null;
                    phoneMasked: string | null;
                  };
                  previous: {
                    name: string;
                    /** @enum {string} */
                    category: "veteran" | "martyr_family" | "duty_death_family" | "illness_death_family";
                    idNumberMasked: string;
                  };
                  reason: string;
                  documentFileIds: number[];
                  decisionReason: string | null;
                  createdAt: string;
                  decidedAt: string | null;
                  history: ({
                      action: string;
                      /** @enum {string|null} */
                      from: "submitted" | "approved" | "rejected" | "withdrawn" | null;
                      /** @enum {string} */
                      to: "submitted" | "approved" | "rejected" | "withdrawn";
                      at: string;
                      /** @enum {string} */
                      by: "holder" | "staff";
                      reason: string | null;
                    })[];
                  allowedActions: string[];
                })[];
              nextCursor: null;
            };
          };
        };
        /** @description Error */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
    /** Ask for a change to a verified identity (name, ID number, category), with a reason and documents */
    post: {
      requestBody: {
        content: {
          "application/json": {
            name?: string;
            /** @enum {string} */
            category?: "veteran" | "martyr_family" | "duty_death_family" | "illness_death_family";
            idNumber?: string;
            phone?: string;
            reason: string;
            documentFileIds?: number[];
          };
        };
      };
      responses: {
        /** @description The request */
        201: {
          content: {
            "application/json": {
              id: number;
              /** @enum {string} */
              status: "submitted" | "approved" | "rejected" | "withdrawn";
              changes: {
                name: string | null;
                /** @enum {string|null} */
                category: "veteran" | "martyr_family" | "duty_death_family" | "illness_death_family" | null;
                idNumberMasked: string | null;
                phoneMasked: string | null;
              };
              previous: {
                name: string;
                /** @enum {string} */
                category: "veteran" | "martyr_family" | "duty_death_family" | "illness_death_family";
                idNumberMasked: string;
              };
              reason: string;
              documentFileIds: number[];
              decisionReason: string | null;
              createdAt: string;
              decidedAt: string | null;
              history: ({
                  action: string;
                  /** @enum {string|null} */
                  from: "submitted" | "approved" | "rejected" | "withdrawn" | null;
                  /** @enum {string} */
                  to: "submitted" | "approved" | "rejected" | "withdrawn";
                  at: string;
                  /** @enum {string} */
                  by: "holder" | "staff";
                  reason: string | null;
                })[];
              allowedActions: string[];
            };
          };
        };
        /** @description Error: VALIDATION_FAILED, ID_NUMBER_INVALID, ID_NUMBER_TAKEN, IDENTITY_REQUIRED, IDENTITY_NOT_VERIFIED, CONSENT_REQUIRED, CHANGE_REQUEST_EXISTS */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/me/identity-change-requests/{id}/withdraw": {
    /** Withdraw a change request not yet decided */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description The request */
        200: {
          content: {
            "application/json": {
              id: number;
              /** @enum {string} */
              status: "submitted" | "approved" | "rejected" | "withdrawn";
              changes: {
                name: string | null;
                /** @enum {string|null} */
                category: "veteran" | "martyr_family" | "duty_death_family" | "illness_death_family" | null;
                idNumberMasked: string | null;
                phoneMasked: string | null;
              };
              previous: {
                name: string;
                /** @enum {string} */
                category: "veteran" | "martyr_family" | "duty_death_family" | "illness_death_family";
                idNumberMasked: string;
              };
              reason: string;
              documentFileIds: number[];
              decisionReason: string | null;
              createdAt: string;
              decidedAt: string | null;
              history: ({
                  action: string;
                  /** @enum {string|null} */
                  from: "submitted" | "approved" | "rejected" | "withdrawn" | null;
                  /** @enum {string} */
                  to: "submitted" | "approved" | "rejected" | "withdrawn";
                  at: string;
                  /** @enum {string} */
                  by: "holder" | "staff";
                  reason: string | null;
                })[];
              allowedActions: string[];
            };
          };
        };
        /** @description Error: NOT_FOUND, INVALID_TRANSITION */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/identity-change-requests": {
    /** Change requests in the caller’s station or district (all, for an admin), oldest first */
    get: {
      parameters: {
        query?: {
          cursor?: string;
          limit?: number;
          status?: "submitted" | "approved" | "rejected" | "withdrawn";
        };
      };
      responses: {
        /** @description A page of requests */
        200: {
          content: {
            "application/json": {
              items: ({
                  id: number;
                  /** @enum {string} */
                  status: "submitted" | "approved" | "rejected" | "withdrawn";
                  changes: {
                    name: string | null;
                    /** @enum {string|null} */
                    category: "veteran" | "martyr_family" | "duty_death_family" | "illness_death_family" | null;
                    idNumberMasked: string | null;
                    phoneMasked: string | null;
                  };
                  previous: {
                    name: string;
                    /** @enum {string} */
                    category: "veteran" | "martyr_family" | "duty_death_family" | "illness_death_family";
                    idNumberMasked: string;
                  };
                  reason: string;
                  documentFileIds: number[];
                  decisionReason: string | null;
                  createdAt: string;
                  decidedAt: string | null;
                  history: ({
                      action: string;
                      /** @enum {string|null} */
                      from: "submitted" | "approved" | "rejected" | "withdrawn" | null;
                      /** @enum {string} */
                      to: "submitted" | "approved" | "rejected" | "withdrawn";
                      at: string;
                      /** @enum {string} */
                      by: "holder" | "staff";
                      reason: string | null;
                    })[];
                  allowedActions: string[];
                  stationId: number | null;
                  person: {
                    id: number;
                    name: string;
                    /** @enum {string} */
                    category: "veteran" | "martyr_family" | "duty_death_family" | "illness_death_family";
                    idNumberMasked: string;
                    phoneMasked: string;
                  };
                })[];
              nextCursor: string | null;
            };
          };
        };
        /** @description Error: FORBIDDEN */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/identity-change-requests/{id}": {
    /** A change request with the person as they stand now, its history and the actions allowed */
    get: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description The request */
        200: {
          content: {
            "application/json": {
              id: number;
              /** @enum {string} */
              status: "submitted" | "approved" | "rejected" | "withdrawn";
              changes: {
                name: string | null;
                /** @enum {string|null} */
                category: "veteran" | "martyr_family" | "duty_death_family" | "illness_death_family" | null;
                idNumberMasked: string | null;
                phoneMasked: string | null;
              };
              previous: {
                name: string;
                /** @enum {string} */
                category: "veteran" | "martyr_family" | "duty_death_family" | "illness_death_family";
                idNumberMasked: string;
              };
              reason: string;
              documentFileIds: number[];
              decisionReason: string | null;
              createdAt: string;
              decidedAt: string | null;
              history: ({
                  action: string;
                  /** @enum {string|null} */
                  from: "submitted" | "approved" | "rejected" | "withdrawn" | null;
                  /** @enum {string} */
                  to: "submitted" | "approved" | "rejected" | "withdrawn";
                  at: string;
                  /** @enum {string} */
                  by: "holder" | "staff";
                  reason: string | null;
                })[];
              allowedActions: string[];
              stationId: number | null;
              person: {
                id: number;
                name: string;
                /** @enum {string} */
                category: "veteran" | "martyr_family" | "duty_death_family" | "illness_death_family";
                idNumberMasked: string;
                phoneMasked: string;
              };
            };
          };
        };
        /** @description Error: NOT_FOUND, FORBIDDEN */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/identity-change-requests/{id}/review": {
    /** Approve (the change is applied to the person) or reject (reason required) a change request */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            /** @enum {string} */
            decision: "approve" | "reject";
            reason?: string;
          };
        };
      };
      responses: {
        /** @description The request */
        200: {
          content: {
            "application/json": {
              id: number;
              /** @enum {string} */
              status: "submitted" | "approved" | "rejected" | "withdrawn";
              changes: {
                name: string | null;
                /** @enum {string|null} */
                category: "veteran" | "martyr_family" | "duty_death_family" | "illness_death_family" | null;
                idNumberMasked: string | null;
                phoneMasked: string | null;
              };
              previous: {
                name: string;
                /** @enum {string} */
                category: "veteran" | "martyr_family" | "duty_death_family" | "illness_death_family";
                idNumberMasked: string;
              };
              reason: string;
              documentFileIds: number[];
              decisionReason: string | null;
              createdAt: string;
              decidedAt: string | null;
              history: ({
                  action: string;
                  /** @enum {string|null} */
                  from: "submitted" | "approved" | "rejected" | "withdrawn" | null;
                  /** @enum {string} */
                  to: "submitted" | "approved" | "rejected" | "withdrawn";
                  at: string;
                  /** @enum {string} */
                  by: "holder" | "staff";
                  reason: string | null;
                })[];
              allowedActions: string[];
              stationId: number | null;
              person: {
                id: number;
                name: string;
                /** @enum {string} */
                category: "veteran" | "martyr_family" | "duty_death_family" | "illness_death_family";
                idNumberMasked: string;
                phoneMasked: string;
              };
            };
          };
        };
        /** @description Error: NOT_FOUND, FORBIDDEN, INVALID_TRANSITION, VALIDATION_FAILED, ID_NUMBER_TAKEN */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/files": {
    /** Upload a private file; a card photo is checked against the 优待证 photo specification */
    post: {
      requestBody: {
        content: {
          "multipart/form-data": {
            /** Format: binary */
            file: string;
            /** @enum {string} */
            purpose: "card_photo" | "document" | "profile_photo";
          };
        };
      };
      responses: {
        /** @description Stored */
        201: {
          content: {
            "application/json": {
              id: number;
              /** @enum {string} */
              purpose: "card_photo" | "document" | "profile_photo" | "chat_image";
              size: number;
              mime: string;
              width: number | null;
              height: number | null;
              createdAt: string;
            };
          };
        };
        /** @description Error: VALIDATION_FAILED, PHOTO_SPEC, UNSUPPORTED_FILE_TYPE, PAYLOAD_TOO_LARGE, UPLOAD_QUOTA_EXCEEDED, RATE_LIMITED, REQUEST_TIMEOUT, PROXY_NOT_ALLOWED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/files/{id}": {
    /** Read a private file (its owner and staff only) */
    get: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description The file’s bytes */
        200: {
          content: {
            "application/octet-stream": string;
          };
        };
        /** @description Error: NOT_FOUND, PROXY_NOT_ALLOWED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/card-applications/eligibility": {
    /** Eligibility self-check: a plain answer and what follows */
    post: {
      requestBody: {
        content: {
          "application/json": {
            /** @enum {string} */
            category: "veteran" | "martyr_family" | "duty_death_family" | "illness_death_family";
            declarations: {
              expelled: boolean;
              deprivedOfPoliticalRights: boolean;
              servingSentence: boolean;
              wanted: boolean;
              priorCriminalPunishment: boolean;
            };
          };
        };
      };
      responses: {
        /** @description The verdict */
        200: {
          content: {
            "application/json": {
              /** @enum {string} */
              verdict: "eligible" | "case_by_case" | "ineligible";
              reasons: string[];
              next: string[];
            };
          };
        };
        /** @description Error */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/card-applications": {
    /** Create a draft application (new card, reissue after loss, or exchange) */
    post: {
      requestBody: {
        content: {
          "application/json": {
            /**
             * @default new
             * @enum {string}
             */
            kind?: "new" | "reissue" | "exchange";
            /** @enum {string} */
            category: "veteran" | "martyr_family" | "duty_death_family" | "illness_death_family";
            photoFileId: number;
            /** @default [] */
            documentFileIds?: number[];
            stationId: number;
            /** @enum {string} */
            delivery: "pickup" | "mail";
            address?: string | null;
            declarations: {
              expelled: boolean;
              deprivedOfPoliticalRights: boolean;
              servingSentence: boolean;
              wanted: boolean;
              priorCriminalPunishment: boolean;
            };
          };
        };
      };
      responses: {
        /** @description The draft */
        201: {
          content: {
            "application/json": {
              id: number;
              /** @enum {string} */
              kind: "new" | "reissue" | "exchange";
              /** @enum {string} */
              status: "draft" | "submitted" | "station_approved" | "approved" | "in_production" | "card_ready" | "issued" | "needs_info" | "rejected" | "withdrawn";
              /** @enum {string} */
              category: "veteran" | "martyr_family" | "duty_death_family" | "illness_death_family";
              station: {
                id: number;
                name: string;
                address: string;
              } | null;
              /** @enum {string} */
              delivery: "pickup" | "mail";
              address: string | null;
              photoFileId: number;
              documentFileIds: number[];
              reason: string | null;
              needsInfoDeadline: string | null;
              submittedAt: string | null;
              createdAt: string;
              history: ({
                  action: string;
                  /** @enum {string|null} */
                  from: "draft" | "submitted" | "station_approved" | "approved" | "in_production" | "card_ready" | "issued" | "needs_info" | "rejected" | "withdrawn" | null;
                  /** @enum {string} */
                  to: "draft" | "submitted" | "station_approved" | "approved" | "in_production" | "card_ready" | "issued" | "needs_info" | "rejected" | "withdrawn";
                  at: string;
                  /** @enum {string} */
                  by: "holder" | "station" | "district" | "system";
                  reason: string | null;
                })[];
              allowedActions: string[];
            };
          };
        };
        /** @description Error: VALIDATION_FAILED, IDENTITY_REQUIRED, NOT_ELIGIBLE, APPLICATION_EXISTS, CARD_EXISTS, CARD_NOT_LOST, CARD_INACTIVE, PROXY_NOT_ALLOWED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/card-applications/mine": {
    /** The caller’s applications, newest first, each with its history and allowed actions */
    get: {
      responses: {
        /** @description Applications */
        200: {
          content: {
            "application/json": {
              items: ({
                  id: number;
                  /** @enum {string} */
                  kind: "new" | "reissue" | "exchange";
                  /** @enum {string} */
                  status: "draft" | "submitted" | "station_approved" | "approved" | "in_production" | "card_ready" | "issued" | "needs_info" | "rejected" | "withdrawn";
                  /** @enum {string} */
                  category: "veteran" | "martyr_family" | "duty_death_family" | "illness_death_family";
                  station: {
                    id: number;
                    name: string;
                    address: string;
                  } | null;
                  /** @enum {string} */
                  delivery: "pickup" | "mail";
                  address: string | null;
                  photoFileId: number;
                  documentFileIds: number[];
                  reason: string | null;
                  needsInfoDeadline: string | null;
                  submittedAt: string | null;
                  createdAt: string;
                  history: ({
                      action: string;
                      /** @enum {string|null} */
                      from: "draft" | "submitted" | "station_approved" | "approved" | "in_production" | "card_ready" | "issued" | "needs_info" | "rejected" | "withdrawn" | null;
                      /** @enum {string} */
                      to: "draft" | "submitted" | "station_approved" | "approved" | "in_production" | "card_ready" | "issued" | "needs_info" | "rejected" | "withdrawn";
                      at: string;
                      /** @enum {string} */
                      by: "holder" | "station" | "district" | "system";
                      reason: string | null;
                    })[];
                  allowedActions: string[];
                })[];
              nextCursor: null;
            };
          };
        };
        /** @description Error: PROXY_NOT_ALLOWED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/card-applications/{id}": {
    /** One of the caller’s applications with its full history and the actions allowed now */
    get: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description The application */
        200: {
          content: {
            "application/json": {
              id: number;
              /** @enum {string} */
              kind: "new" | "reissue" | "exchange";
              /** @enum {string} */
              status: "draft" | "submitted" | "station_approved" | "approved" | "in_production" | "card_ready" | "issued" | "needs_info" | "rejected" | "withdrawn";
              /** @enum {string} */
              category: "veteran" | "martyr_family" | "duty_death_family" | "illness_death_family";
              station: {
                id: number;
                name: string;
                address: string;
              } | null;
              /** @enum {string} */
              delivery: "pickup" | "mail";
              address: string | null;
              photoFileId: number;
              documentFileIds: number[];
              reason: string | null;
              needsInfoDeadline: string | null;
              submittedAt: string | null;
              createdAt: string;
              history: ({
                  action: string;
                  /** @enum {string|null} */
                  from: "draft" | "submitted" | "station_approved" | "approved" | "in_production" | "card_ready" | "issued" | "needs_info" | "rejected" | "withdrawn" | null;
                  /** @enum {string} */
                  to: "draft" | "submitted" | "station_approved" | "approved" | "in_production" | "card_ready" | "issued" | "needs_info" | "rejected" | "withdrawn";
                  at: string;
                  /** @enum {string} */
                  by: "holder" | "station" | "district" | "system";
                  reason: string | null;
                })[];
              allowedActions: string[];
            };
          };
        };
        /** @description Error: NOT_FOUND, PROXY_NOT_ALLOWED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
    /** Edit a draft, or a sent-back application before its deadline */
    patch: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            /** @enum {string} */
            category?: "veteran" | "martyr_family" | "duty_death_family" | "illness_death_family";
            photoFileId?: number;
            documentFileIds?: number[];
            stationId?: number;
            /** @enum {string} */
            delivery?: "pickup" | "mail";
            address?: string | null;
            declarations?: {
              expelled: boolean;
              deprivedOfPoliticalRights: boolean;
              servingSentence: boolean;
              wanted: boolean;
              priorCriminalPunishment: boolean;
            };
          };
        };
      };
      responses: {
        /** @description The application */
        200: {
          content: {
            "application/json": {
              id: number;
              /** @enum {string} */
              kind: "new" | "reissue" | "exchange";
              /** @enum {string} */
              status: "draft" | "submitted" | "station_approved" | "approved" | "in_production" | "card_ready" | "issued" | "needs_info" | "rejected" | "withdrawn";
              /** @enum {string} */
              category: "veteran" | "martyr_family" | "duty_death_family" | "illness_death_family";
              station: {
                id: number;
                name: string;
                address: string;
              } | null;
              /** @enum {string} */
              delivery: "pickup" | "mail";
              address: string | null;
              photoFileId: number;
              documentFileIds: number[];
              reason: string | null;
              needsInfoDeadline: string | null;
              submittedAt: string | null;
              createdAt: string;
              history: ({
                  action: string;
                  /** @enum {string|null} */
                  from: "draft" | "submitted" | "station_approved" | "approved" | "in_production" | "card_ready" | "issued" | "needs_info" | "rejected" | "withdrawn" | null;
                  /** @enum {string} */
                  to: "draft" | "submitted" | "station_approved" | "approved" | "in_production" | "card_ready" | "issued" | "needs_info" | "rejected" | "withdrawn";
                  at: string;
                  /** @enum {string} */
                  by: "holder" | "station" | "district" | "system";
                  reason: string | null;
                })[];
              allowedActions: string[];
            };
          };
        };
        /** @description Error: NOT_FOUND, INVALID_TRANSITION, DEADLINE_PASSED, VALIDATION_FAILED, NOT_ELIGIBLE, PROXY_NOT_ALLOWED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/card-applications/{id}/submit": {
    /** Submit a draft, or resubmit after being sent back */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description The application */
        200: {
          content: {
            "application/json": {
              id: number;
              /** @enum {string} */
              kind: "new" | "reissue" | "exchange";
              /** @enum {string} */
              status: "draft" | "submitted" | "station_approved" | "approved" | "in_production" | "card_ready" | "issued" | "needs_info" | "rejected" | "withdrawn";
              /** @enum {string} */
              category: "veteran" | "martyr_family" | "duty_death_family" | "illness_death_family";
              station: {
                id: number;
                name: string;
                address: string;
              } | null;
              /** @enum {string} */
              delivery: "pickup" | "mail";
              address: string | null;
              photoFileId: number;
              documentFileIds: number[];
              reason: string | null;
              needsInfoDeadline: string | null;
              submittedAt: string | null;
              createdAt: string;
              history: ({
                  action: string;
                  /** @enum {string|null} */
                  from: "draft" | "submitted" | "station_approved" | "approved" | "in_production" | "card_ready" | "issued" | "needs_info" | "rejected" | "withdrawn" | null;
                  /** @enum {string} */
                  to: "draft" | "submitted" | "station_approved" | "approved" | "in_production" | "card_ready" | "issued" | "needs_info" | "rejected" | "withdrawn";
                  at: string;
                  /** @enum {string} */
                  by: "holder" | "station" | "district" | "system";
                  reason: string | null;
                })[];
              allowedActions: string[];
            };
          };
        };
        /** @description Error: NOT_FOUND, INVALID_TRANSITION, DEADLINE_PASSED, APPLICATION_INCOMPLETE, PROXY_NOT_ALLOWED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/card-applications/{id}/withdraw": {
    /** Withdraw an application before it is approved */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description The application */
        200: {
          content: {
            "application/json": {
              id: number;
              /** @enum {string} */
              kind: "new" | "reissue" | "exchange";
              /** @enum {string} */
              status: "draft" | "submitted" | "station_approved" | "approved" | "in_production" | "card_ready" | "issued" | "needs_info" | "rejected" | "withdrawn";
              /** @enum {string} */
              category: "veteran" | "martyr_family" | "duty_death_family" | "illness_death_family";
              station: {
                id: number;
                name: string;
                address: string;
              } | null;
              /** @enum {string} */
              delivery: "pickup" | "mail";
              address: string | null;
              photoFileId: number;
              documentFileIds: number[];
              reason: string | null;
              needsInfoDeadline: string | null;
              submittedAt: string | null;
              createdAt: string;
              history: ({
                  action: string;
                  /** @enum {string|null} */
                  from: "draft" | "submitted" | "station_approved" | "approved" | "in_production" | "card_ready" | "issued" | "needs_info" | "rejected" | "withdrawn" | null;
                  /** @enum {string} */
                  to: "draft" | "submitted" | "station_approved" | "approved" | "in_production" | "card_ready" | "issued" | "needs_info" | "rejected" | "withdrawn";
                  at: string;
                  /** @enum {string} */
                  by: "holder" | "station" | "district" | "system";
                  reason: string | null;
                })[];
              allowedActions: string[];
            };
          };
        };
        /** @description Error: NOT_FOUND, INVALID_TRANSITION, PROXY_NOT_ALLOWED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/me/card": {
    /** The caller’s electronic card (number masked), with its history and the actions allowed now */
    get: {
      responses: {
        /** @description The card */
        200: {
          content: {
            "application/json": {
              cardNumber: string;
              /** @enum {string} */
              status: "active" | "reported_lost" | "replaced" | "revoked";
              /** @enum {string} */
              category: "veteran" | "martyr_family" | "duty_death_family" | "illness_death_family";
              holderName: string;
              issuedAt: string;
              history: ({
                  /** @enum {string} */
                  action: "issue" | "report_lost" | "replace" | "revoke";
                  /** @enum {string|null} */
                  from: "active" | "reported_lost" | "replaced" | "revoked" | null;
                  /** @enum {string} */
                  to: "active" | "reported_lost" | "replaced" | "revoked";
                  at: string;
                  /** @enum {string} */
                  by: "holder" | "station" | "district";
                  reason: string | null;
                })[];
              allowedActions: ("report_lost" | "replace" | "revoke")[];
              photoFileId: number | null;
            };
          };
        };
        /** @description Error: NOT_FOUND, PROXY_NOT_ALLOWED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/me/card/qr-token": {
    /** A signed QR token for the card: about a minute, single use */
    post: {
      responses: {
        /** @description The token */
        200: {
          content: {
            "application/json": {
              token: string;
              expiresAt: string;
            };
          };
        };
        /** @description Error: NOT_FOUND, CARD_INACTIVE */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/me/card/report-lost": {
    /** Report the card lost: it stops verifying at once */
    post: {
      responses: {
        /** @description The card */
        200: {
          content: {
            "application/json": {
              cardNumber: string;
              /** @enum {string} */
              status: "active" | "reported_lost" | "replaced" | "revoked";
              /** @enum {string} */
              category: "veteran" | "martyr_family" | "duty_death_family" | "illness_death_family";
              holderName: string;
              issuedAt: string;
              history: ({
                  /** @enum {string} */
                  action: "issue" | "report_lost" | "replace" | "revoke";
                  /** @enum {string|null} */
                  from: "active" | "reported_lost" | "replaced" | "revoked" | null;
                  /** @enum {string} */
                  to: "active" | "reported_lost" | "replaced" | "revoked";
                  at: string;
                  /** @enum {string} */
                  by: "holder" | "station" | "district";
                  reason: string | null;
                })[];
              allowedActions: ("report_lost" | "replace" | "revoke")[];
              photoFileId: number | null;
            };
          };
        };
        /** @description Error: NOT_FOUND, INVALID_TRANSITION, PROXY_NOT_ALLOWED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/card-applications": {
    /** Applications in the caller’s station or district, oldest submission first. Filters: status, stationId, category, ageMin/ageMax (whole years), overdue, minWaitingDays; q searches the name, the last 4–6 characters of the ID number or the whole number. `counts` gives each status under the other filters */
    get: {
      parameters: {
        query?: {
          cursor?: string;
          limit?: number;
          status?: "draft" | "submitted" | "station_approved" | "approved" | "in_production" | "card_ready" | "issued" | "needs_info" | "rejected" | "withdrawn";
          stationId?: number;
          minWaitingDays?: number;
          category?: "veteran" | "martyr_family" | "duty_death_family" | "illness_death_family";
          ageMin?: number;
          ageMax?: number;
          overdue?: "true" | "false";
          q?: string;
        };
      };
      responses: {
        /** @description A page of the queue */
        200: {
          content: {
            "application/json": {
              items: ({
                  id: number;
                  /** @enum {string} */
                  status: "draft" | "submitted" | "station_approved" | "approved" | "in_production" | "card_ready" | "issued" | "needs_info" | "rejected" | "withdrawn";
                  /** @enum {string} */
                  kind: "new" | "reissue" | "exchange";
                  /** @enum {string} */
                  category: "veteran" | "martyr_family" | "duty_death_family" | "illness_death_family";
                  applicantName: string;
                  stationId: number;
                  caseByCase: boolean;
                  submittedAt: string | null;
                  waitingDays: number | null;
                  overdue: boolean;
                })[];
              nextCursor: string | null;
              counts: {
                [key: string]: number;
              };
            };
          };
        };
        /** @description Error: VALIDATION_FAILED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/card-applications/{id}": {
    /** An application with the applicant (masked), photo and documents, history and allowed actions */
    get: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description The application */
        200: {
          content: {
            "application/json": {
              id: number;
              /** @enum {string} */
              kind: "new" | "reissue" | "exchange";
              /** @enum {string} */
              status: "draft" | "submitted" | "station_approved" | "approved" | "in_production" | "card_ready" | "issued" | "needs_info" | "rejected" | "withdrawn";
              /** @enum {string} */
              category: "veteran" | "martyr_family" | "duty_death_family" | "illness_death_family";
              station: {
                id: number;
                name: string;
                address: string;
              } | null;
              /** @enum {string} */
              delivery: "pickup" | "mail";
              address: string | null;
              photoFileId: number;
              documentFileIds: number[];
              reason: string | null;
              needsInfoDeadline: string | null;
              submittedAt: string | null;
              createdAt: string;
              history: ({
                  action: string;
                  /** @enum {string|null} */
                  from: "draft" | "submitted" | "station_approved" | "approved" | "in_production" | "card_ready" | "issued" | "needs_info" | "rejected" | "withdrawn" | null;
                  /** @enum {string} */
                  to: "draft" | "submitted" | "station_approved" | "approved" | "in_production" | "card_ready" | "issued" | "needs_info" | "rejected" | "withdrawn";
                  at: string;
                  /** @enum {string} */
                  by: "holder" | "station" | "district" | "system";
                  reason: string | null;
                })[];
              allowedActions: string[];
              applicant: {
                name: string;
                /** @enum {string} */
                gender: "M" | "F";
                birthDate: string;
                idNumberMasked: string;
                phoneMasked: string;
                verified: boolean;
              };
              caseByCase: boolean;
              declarations: {
                expelled: boolean;
                deprivedOfPoliticalRights: boolean;
                servingSentence: boolean;
                wanted: boolean;
                priorCriminalPunishment: boolean;
              };
              batchId: number | null;
              waitingDays: number | null;
              card: ({
                id: number;
                cardNumber: string;
                /** @enum {string} */
                status: "active" | "reported_lost" | "replaced" | "revoked";
                /** @enum {string} */
                category: "veteran" | "martyr_family" | "duty_death_family" | "illness_death_family";
                issuedAt: string;
                revokedReason: string | null;
                history: ({
                    /** @enum {string} */
                    action: "issue" | "report_lost" | "replace" | "revoke";
                    /** @enum {string|null} */
                    from: "active" | "reported_lost" | "replaced" | "revoked" | null;
                    /** @enum {string} */
                    to: "active" | "reported_lost" | "replaced" | "revoked";
                    at: string;
                    /** @enum {string} */
                    by: "holder" | "station" | "district";
                    reason: string | null;
                  })[];
                allowedActions: ("report_lost" | "replace" | "revoke")[];
              }) | null;
            };
          };
        };
        /** @description Error: NOT_FOUND */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/card-applications/{id}/review": {
    /** Approve, reject (reason) or send back (reason) at the caller’s level: station, then district. Station approval verifies and freezes the applicant’s identity */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            /** @enum {string} */
            decision: "approve" | "reject" | "request_info";
            reason?: string;
          };
        };
      };
      responses: {
        /** @description The application */
        200: {
          content: {
            "application/json": {
              id: number;
              /** @enum {string} */
              kind: "new" | "reissue" | "exchange";
              /** @enum {string} */
              status: "draft" | "submitted" | "station_approved" | "approved" | "in_production" | "card_ready" | "issued" | "needs_info" | "rejected" | "withdrawn";
              /** @enum {string} */
              category: "veteran" | "martyr_family" | "duty_death_family" | "illness_death_family";
              station: {
                id: number;
                name: string;
                address: string;
              } | null;
              /** @enum {string} */
              delivery: "pickup" | "mail";
              address: string | null;
              photoFileId: number;
              documentFileIds: number[];
              reason: string | null;
              needsInfoDeadline: string | null;
              submittedAt: string | null;
              createdAt: string;
              history: ({
                  action: string;
                  /** @enum {string|null} */
                  from: "draft" | "submitted" | "station_approved" | "approved" | "in_production" | "card_ready" | "issued" | "needs_info" | "rejected" | "withdrawn" | null;
                  /** @enum {string} */
                  to: "draft" | "submitted" | "station_approved" | "approved" | "in_production" | "card_ready" | "issued" | "needs_info" | "rejected" | "withdrawn";
                  at: string;
                  /** @enum {string} */
                  by: "holder" | "station" | "district" | "system";
                  reason: string | null;
                })[];
              allowedActions: string[];
              applicant: {
                name: string;
                /** @enum {string} */
                gender: "M" | "F";
                birthDate: string;
                idNumberMasked: string;
                phoneMasked: string;
                verified: boolean;
              };
              caseByCase: boolean;
              declarations: {
                expelled: boolean;
                deprivedOfPoliticalRights: boolean;
                servingSentence: boolean;
                wanted: boolean;
                priorCriminalPunishment: boolean;
              };
              batchId: number | null;
              waitingDays: number | null;
              card: ({
                id: number;
                cardNumber: string;
                /** @enum {string} */
                status: "active" | "reported_lost" | "replaced" | "revoked";
                /** @enum {string} */
                category: "veteran" | "martyr_family" | "duty_death_family" | "illness_death_family";
                issuedAt: string;
                revokedReason: string | null;
                history: ({
                    /** @enum {string} */
                    action: "issue" | "report_lost" | "replace" | "revoke";
                    /** @enum {string|null} */
                    from: "active" | "reported_lost" | "replaced" | "revoked" | null;
                    /** @enum {string} */
                    to: "active" | "reported_lost" | "replaced" | "revoked";
                    at: string;
                    /** @enum {string} */
                    by: "holder" | "station" | "district";
                    reason: string | null;
                  })[];
                allowedActions: ("report_lost" | "replace" | "revoke")[];
              }) | null;
            };
          };
        };
        /** @description Error: NOT_FOUND, FORBIDDEN, INVALID_TRANSITION, VALIDATION_FAILED, IDENTITY_MISMATCH */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/card-applications/{id}/card-ready": {
    /** The card has arrived: the holder is told where and when to collect it */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description The application */
        200: {
          content: {
            "application/json": {
              id: number;
              /** @enum {string} */
              kind: "new" | "reissue" | "exchange";
              /** @enum {string} */
              status: "draft" | "submitted" | "station_approved" | "approved" | "in_production" | "card_ready" | "issued" | "needs_info" | "rejected" | "withdrawn";
              /** @enum {string} */
              category: "veteran" | "martyr_family" | "duty_death_family" | "illness_death_family";
              station: {
                id: number;
                name: string;
                address: string;
              } | null;
              /** @enum {string} */
              delivery: "pickup" | "mail";
              address: string | null;
              photoFileId: number;
              documentFileIds: number[];
              reason: string | null;
              needsInfoDeadline: string | null;
              submittedAt: string | null;
              createdAt: string;
              history: ({
                  action: string;
                  /** @enum {string|null} */
                  from: "draft" | "submitted" | "station_approved" | "approved" | "in_production" | "card_ready" | "issued" | "needs_info" | "rejected" | "withdrawn" | null;
                  /** @enum {string} */
                  to: "draft" | "submitted" | "station_approved" | "approved" | "in_production" | "card_ready" | "issued" | "needs_info" | "rejected" | "withdrawn";
                  at: string;
                  /** @enum {string} */
                  by: "holder" | "station" | "district" | "system";
                  reason: string | null;
                })[];
              allowedActions: string[];
              applicant: {
                name: string;
                /** @enum {string} */
                gender: "M" | "F";
                birthDate: string;
                idNumberMasked: string;
                phoneMasked: string;
                verified: boolean;
              };
              caseByCase: boolean;
              declarations: {
                expelled: boolean;
                deprivedOfPoliticalRights: boolean;
                servingSentence: boolean;
                wanted: boolean;
                priorCriminalPunishment: boolean;
              };
              batchId: number | null;
              waitingDays: number | null;
              card: ({
                id: number;
                cardNumber: string;
                /** @enum {string} */
                status: "active" | "reported_lost" | "replaced" | "revoked";
                /** @enum {string} */
                category: "veteran" | "martyr_family" | "duty_death_family" | "illness_death_family";
                issuedAt: string;
                revokedReason: string | null;
                history: ({
                    /** @enum {string} */
                    action: "issue" | "report_lost" | "replace" | "revoke";
                    /** @enum {string|null} */
                    from: "active" | "reported_lost" | "replaced" | "revoked" | null;
                    /** @enum {string} */
                    to: "active" | "reported_lost" | "replaced" | "revoked";
                    at: string;
                    /** @enum {string} */
                    by: "holder" | "station" | "district";
                    reason: string | null;
                  })[];
                allowedActions: ("report_lost" | "replace" | "revoke")[];
              }) | null;
            };
          };
        };
        /** @description Error: NOT_FOUND, FORBIDDEN, INVALID_TRANSITION */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/card-applications/{id}/issue": {
    /** Hand out the card under its number (pickup, mail or ceremony); the card becomes active */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            cardNumber: string;
            /** @enum {string} */
            handover?: "pickup" | "mail" | "ceremony";
          };
        };
      };
      responses: {
        /** @description The application */
        200: {
          content: {
            "application/json": {
              id: number;
              /** @enum {string} */
              kind: "new" | "reissue" | "exchange";
              /** @enum {string} */
              status: "draft" | "submitted" | "station_approved" | "approved" | "in_production" | "card_ready" | "issued" | "needs_info" | "rejected" | "withdrawn";
              /** @enum {string} */
              category: "veteran" | "martyr_family" | "duty_death_family" | "illness_death_family";
              station: {
                id: number;
                name: string;
                address: string;
              } | null;
              /** @enum {string} */
              delivery: "pickup" | "mail";
              address: string | null;
              photoFileId: number;
              documentFileIds: number[];
              reason: string | null;
              needsInfoDeadline: string | null;
              submittedAt: string | null;
              createdAt: string;
              history: ({
                  action: string;
                  /** @enum {string|null} */
                  from: "draft" | "submitted" | "station_approved" | "approved" | "in_production" | "card_ready" | "issued" | "needs_info" | "rejected" | "withdrawn" | null;
                  /** @enum {string} */
                  to: "draft" | "submitted" | "station_approved" | "approved" | "in_production" | "card_ready" | "issued" | "needs_info" | "rejected" | "withdrawn";
                  at: string;
                  /** @enum {string} */
                  by: "holder" | "station" | "district" | "system";
                  reason: string | null;
                })[];
              allowedActions: string[];
              applicant: {
                name: string;
                /** @enum {string} */
                gender: "M" | "F";
                birthDate: string;
                idNumberMasked: string;
                phoneMasked: string;
                verified: boolean;
              };
              caseByCase: boolean;
              declarations: {
                expelled: boolean;
                deprivedOfPoliticalRights: boolean;
                servingSentence: boolean;
                wanted: boolean;
                priorCriminalPunishment: boolean;
              };
              batchId: number | null;
              waitingDays: number | null;
              card: ({
                id: number;
                cardNumber: string;
                /** @enum {string} */
                status: "active" | "reported_lost" | "replaced" | "revoked";
                /** @enum {string} */
                category: "veteran" | "martyr_family" | "duty_death_family" | "illness_death_family";
                issuedAt: string;
                revokedReason: string | null;
                history: ({
                    /** @enum {string} */
                    action: "issue" | "report_lost" | "replace" | "revoke";
                    /** @enum {string|null} */
                    from: "active" | "reported_lost" | "replaced" | "revoked" | null;
                    /** @enum {string} */
                    to: "active" | "reported_lost" | "replaced" | "revoked";
                    at: string;
                    /** @enum {string} */
                    by: "holder" | "station" | "district";
                    reason: string | null;
                  })[];
                allowedActions: ("report_lost" | "replace" | "revoke")[];
              }) | null;
            };
          };
        };
        /** @description Error: NOT_FOUND, INVALID_TRANSITION, CARD_NUMBER_TAKEN, VALIDATION_FAILED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/card-batches": {
    /** Production batches of the caller’s district, newest first, with their applications per status */
    get: {
      responses: {
        /** @description Batches */
        200: {
          content: {
            "application/json": {
              items: ({
                  id: number;
                  size: number;
                  createdAt: string;
                  exportedAt: string | null;
                  arrivedAt: string | null;
                  photosDownloadedAt: string | null;
                  counts: {
                    [key: string]: number;
                  };
                })[];
              nextCursor: null;
            };
          };
        };
        /** @description Error */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
    /** Send approved applications to production as one batch (all or nothing) */
    post: {
      requestBody: {
        content: {
          "application/json": {
            applicationIds: number[];
          };
        };
      };
      responses: {
        /** @description The batch */
        201: {
          content: {
            "application/json": {
              id: number;
              size: number;
              createdAt: string;
              exportedAt: string | null;
              arrivedAt: string | null;
              photosDownloadedAt: string | null;
              applicationIds: number[];
            };
          };
        };
        /** @description Error: NOT_FOUND, INVALID_TRANSITION, FORBIDDEN */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/card-batches/{id}/export": {
    /** The batch for the bank: CSV (UTF-8 with BOM) or an Excel workbook; ID numbers in full, kept as text; audit-logged */
    get: {
      parameters: {
        query?: {
          format?: "csv" | "xlsx";
        };
        path: {
          id: number;
        };
      };
      responses: {
        /** @description CSV, or an Excel workbook with format=xlsx */
        200: {
          content: {
            "text/csv": string;
          };
        };
        /** @description Error: NOT_FOUND, FORBIDDEN */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/card-batches/{id}/photos": {
    /** The batch’s photos for the bank as a zip, one JPEG per applicant named by ID number; downloadable once; audit-logged */
    get: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description A zip of JPEG photos */
        200: {
          content: {
            "application/zip": string;
          };
        };
        /** @description Error: NOT_FOUND, FORBIDDEN, PHOTOS_ALREADY_DOWNLOADED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/card-batches/{id}/photos/reopen": {
    /** Allow the batch’s photo package to be downloaded once more, with the reason (admin; audit-logged) */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            reason: string;
          };
        };
      };
      responses: {
        /** @description The batch */
        200: {
          content: {
            "application/json": {
              id: number;
              size: number;
              createdAt: string;
              exportedAt: string | null;
              arrivedAt: string | null;
              photosDownloadedAt: string | null;
            };
          };
        };
        /** @description Error: NOT_FOUND, INVALID_TRANSITION */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/card-batches/{id}/card-ready": {
    /** The batch’s cards have arrived: every application in it becomes card_ready */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description The batch */
        200: {
          content: {
            "application/json": {
              id: number;
              size: number;
              createdAt: string;
              exportedAt: string | null;
              arrivedAt: string | null;
              photosDownloadedAt: string | null;
              ready: number;
            };
          };
        };
        /** @description Error: NOT_FOUND, INVALID_TRANSITION */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/cards": {
    /** Find a card by the number printed on it (within the caller’s station or district), with its history */
    get: {
      parameters: {
        query: {
          number: string;
        };
      };
      responses: {
        /** @description The card, or no items */
        200: {
          content: {
            "application/json": {
              items: ({
                  id: number;
                  cardNumber: string;
                  /** @enum {string} */
                  status: "active" | "reported_lost" | "replaced" | "revoked";
                  /** @enum {string} */
                  category: "veteran" | "martyr_family" | "duty_death_family" | "illness_death_family";
                  issuedAt: string;
                  revokedReason: string | null;
                  history: ({
                      /** @enum {string} */
                      action: "issue" | "report_lost" | "replace" | "revoke";
                      /** @enum {string|null} */
                      from: "active" | "reported_lost" | "replaced" | "revoked" | null;
                      /** @enum {string} */
                      to: "active" | "reported_lost" | "replaced" | "revoked";
                      at: string;
                      /** @enum {string} */
                      by: "holder" | "station" | "district";
                      reason: string | null;
                    })[];
                  allowedActions: ("report_lost" | "replace" | "revoke")[];
                  applicationId: number;
                  holderName: string;
                })[];
              nextCursor: null;
            };
          };
        };
        /** @description Error */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/cards/{id}/revoke": {
    /** Revoke a card with a reason: it stops verifying at once */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            reason: string;
          };
        };
      };
      responses: {
        /** @description The card */
        200: {
          content: {
            "application/json": {
              id: number;
              /** @enum {string} */
              status: "active" | "reported_lost" | "replaced" | "revoked";
              revokedReason: string | null;
            };
          };
        };
        /** @description Error: NOT_FOUND, INVALID_TRANSITION, FORBIDDEN */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/card-stats": {
    /** Counts by status, application and issuance rates, median days, the longest waiting */
    get: {
      responses: {
        /** @description Figures */
        200: {
          content: {
            "application/json": {
              scope: {
                districtId: number;
              } | {
                stationId: number;
              };
              byStatus: {
                [key: string]: number;
              };
              applicants: number;
              registeredHolders: number | null;
              applicationRate: number | null;
              approvedCount: number;
              issuedCount: number;
              issuanceRate: number | null;
              medianDaysToApproval: number | null;
              medianDaysToIssue: number | null;
              waitingLongest: ({
                  id: number;
                  /** @enum {string} */
                  status: "draft" | "submitted" | "station_approved" | "approved" | "in_production" | "card_ready" | "issued" | "needs_info" | "rejected" | "withdrawn";
                  stationId: number;
                  waitingDays: number | null;
                })[];
            };
          };
        };
        /** @description Error */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/card-stats/series": {
    /** Submissions, approvals and issues per week or month, and per station over that span */
    get: {
      parameters: {
        query?: {
          period?: "week" | "month";
          count?: number;
        };
      };
      responses: {
        /** @description Figures over time */
        200: {
          content: {
            "application/json": {
              /** @enum {string} */
              period: "week" | "month";
              since: string;
              items: {
                  start: string;
                  submitted: number;
                  approved: number;
                  issued: number;
                }[];
              perStation: ({
                  stationId: number;
                  submitted: number;
                  approved: number;
                  issued: number;
                  open: number;
                  medianDaysToApproval: number | null;
                })[];
            };
          };
        };
        /** @description Error: VALIDATION_FAILED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/card-batches/{id}": {
    /** A batch with its applications: name, masked ID number, station, status, the bank’s number, the card */
    get: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description The batch */
        200: {
          content: {
            "application/json": {
              id: number;
              size: number;
              createdAt: string;
              exportedAt: string | null;
              arrivedAt: string | null;
              photosDownloadedAt: string | null;
              items: ({
                  applicationId: number;
                  name: string;
                  idNumberMasked: string;
                  stationId: number;
                  stationName: string;
                  /** @enum {string} */
                  delivery: "pickup" | "mail";
                  /** @enum {string} */
                  status: "draft" | "submitted" | "station_approved" | "approved" | "in_production" | "card_ready" | "issued" | "needs_info" | "rejected" | "withdrawn";
                  bankCardNumber: string | null;
                  card: ({
                    id: number;
                    cardNumber: string;
                    /** @enum {string} */
                    status: "active" | "reported_lost" | "replaced" | "revoked";
                  }) | null;
                })[];
            };
          };
        };
        /** @description Error: NOT_FOUND, FORBIDDEN */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/card-batches/{id}/bank-numbers": {
    /** The bank’s returned file as a multipart upload (`file`: CSV or .xlsx, at most 5 MB, columns 身份证号码 and 卡号, optionally 姓名) matched to the batch by ID number. dryRun=true (default) writes nothing and shows matched, mismatched, unknown and missing rows; dryRun=false records the matched rows only (audit-logged) */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "multipart/form-data": {
            /** Format: binary */
            file: string;
            /**
             * @default true
             * @enum {string}
             */
            dryRun?: "true" | "false";
          };
        };
      };
      responses: {
        /** @description The match */
        200: {
          content: {
            "application/json": {
              matched: {
                  line: number;
                  applicationId: number;
                  name: string;
                  idNumberMasked: string;
                  cardNumber: string;
                  alreadyRecorded: boolean;
                }[];
              mismatched: ({
                  line: number;
                  applicationId: number | null;
                  name: string | null;
                  idNumberMasked: string;
                  cardNumber: string;
                  problem: string;
                })[];
              unknown: ({
                  line: number;
                  applicationId: number | null;
                  name: string | null;
                  idNumberMasked: string;
                  cardNumber: string;
                  problem: string;
                })[];
              missing: {
                  applicationId: number;
                  name: string;
                  idNumberMasked: string;
                }[];
              recorded: number;
            };
          };
        };
        /** @description Error: NOT_FOUND, FORBIDDEN, VALIDATION_FAILED, PAYLOAD_TOO_LARGE, UNSUPPORTED_FILE_TYPE, REQUEST_TIMEOUT */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/card-batches/{id}/pickup-list": {
    /** The batch’s pickup list (签收单) for one station: cards ready to be collected there. District staff: any station of their district’s batch; station staff: their own station only (another station is 403, a batch with nothing of theirs 404) */
    get: {
      parameters: {
        query: {
          stationId: number;
        };
        path: {
          id: number;
        };
      };
      responses: {
        /** @description The list */
        200: {
          content: {
            "application/json": {
              batch: {
                id: number;
                size: number;
                createdAt: string;
                exportedAt: string | null;
                arrivedAt: string | null;
                photosDownloadedAt: string | null;
              };
              station: {
                id: number;
                name: string;
              };
              items: ({
                  applicationId: number;
                  name: string;
                  idNumberMasked: string;
                  stationId: number;
                  stationName: string;
                  /** @enum {string} */
                  delivery: "pickup" | "mail";
                  /** @enum {string} */
                  status: "draft" | "submitted" | "station_approved" | "approved" | "in_production" | "card_ready" | "issued" | "needs_info" | "rejected" | "withdrawn";
                  bankCardNumber: string | null;
                  card: ({
                    id: number;
                    cardNumber: string;
                    /** @enum {string} */
                    status: "active" | "reported_lost" | "replaced" | "revoked";
                  }) | null;
                })[];
            };
          };
        };
        /** @description Error: NOT_FOUND, FORBIDDEN */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/pickup-lists": {
    /** For station staff: the batches holding cards that wait for pickup at their station (each one’s 签收单) */
    get: {
      responses: {
        /** @description Batches with cards waiting */
        200: {
          content: {
            "application/json": {
              station: {
                id: number;
                name: string;
              };
              items: ({
                  id: number;
                  size: number;
                  createdAt: string;
                  exportedAt: string | null;
                  arrivedAt: string | null;
                  photosDownloadedAt: string | null;
                  ready: number;
                })[];
              nextCursor: null;
            };
          };
        };
        /** @description Error: FORBIDDEN */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/cards/find": {
    /** Cards issued in the caller’s station or district whose holder matches q: a name (or part), the last 4–6 characters of the ID number or the whole number; at most 20 */
    get: {
      parameters: {
        query: {
          q: string;
        };
      };
      responses: {
        /** @description Cards */
        200: {
          content: {
            "application/json": {
              items: ({
                  id: number;
                  cardNumber: string;
                  /** @enum {string} */
                  status: "active" | "reported_lost" | "replaced" | "revoked";
                  holderName: string;
                  applicationId: number;
                  issuedAt: string;
                })[];
              nextCursor: null;
            };
          };
        };
        /** @description Error: VALIDATION_FAILED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/merchant-categories": {
    /** Merchant categories (衣、食、住、行…) */
    get: {
      responses: {
        /** @description Categories */
        200: {
          content: {
            "application/json": {
              items: {
                  id: number;
                  name: string;
                  sort: number;
                }[];
              nextCursor: null;
            };
          };
        };
        /** @description Error */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/merchants": {
    /** Merchants nearest first within a radius, with their distance and active offers */
    get: {
      parameters: {
        query: {
          cursor?: string;
          limit?: number;
          lat: number;
          lng: number;
          radiusKm?: number;
          categoryId?: number;
          q?: string;
        };
      };
      responses: {
        /** @description A page of merchants */
        200: {
          content: {
            "application/json": {
              items: ({
                  id: number;
                  name: string;
                  category: {
                    id: number;
                    name: string;
                  } | null;
                  address: string;
                  lat: number;
                  lng: number;
                  contactPhone: string;
                  intro: string | null;
                  distanceM: number | null;
                  offers: ({
                      id: number;
                      title: string;
                      description: string;
                      /** @enum {string} */
                      kind: "discount" | "voucher";
                      discountText: string;
                      priceFen: number | null;
                      faceValueFen: number | null;
                      perPersonDailyLimit: number | null;
                      stockTotal: number | null;
                      stockLeft: number | null;
                      eligibleCategories: ("veteran" | "martyr_family" | "duty_death_family" | "illness_death_family")[];
                      validFrom: string | null;
                      validTo: string | null;
                      /** @enum {string} */
                      status: "active" | "withdrawn";
                    })[];
                })[];
              nextCursor: string | null;
            };
          };
        };
        /** @description Error: VALIDATION_FAILED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/merchants/{id}": {
    /** A merchant’s page with its active offers */
    get: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description The merchant */
        200: {
          content: {
            "application/json": {
              id: number;
              name: string;
              category: {
                id: number;
                name: string;
              } | null;
              address: string;
              lat: number;
              lng: number;
              contactPhone: string;
              intro: string | null;
              distanceM: number | null;
              offers: ({
                  id: number;
                  title: string;
                  description: string;
                  /** @enum {string} */
                  kind: "discount" | "voucher";
                  discountText: string;
                  priceFen: number | null;
                  faceValueFen: number | null;
                  perPersonDailyLimit: number | null;
                  stockTotal: number | null;
                  stockLeft: number | null;
                  eligibleCategories: ("veteran" | "martyr_family" | "duty_death_family" | "illness_death_family")[];
                  validFrom: string | null;
                  validTo: string | null;
                  /** @enum {string} */
                  status: "active" | "withdrawn";
                })[];
            };
          };
        };
        /** @description Error: NOT_FOUND */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/merchant-applications": {
    /** Apply to join the alliance with business details and location */
    post: {
      requestBody: {
        content: {
          "application/json": {
            name: string;
            licenseNo: string;
            licenseFileId?: number;
            categoryId: number;
            address: string;
            lat: number;
            lng: number;
            contactPhone: string;
            intro?: string;
          };
        };
      };
      responses: {
        /** @description The application (a pending merchant) */
        201: {
          content: {
            "application/json": {
              id: number;
              name: string;
              licenseNo: string;
              licenseFileId: number | null;
              categoryId: number;
              address: string;
              lat: number;
              lng: number;
              contactPhone: string;
              intro: string | null;
              /** @enum {string} */
              status: "pending" | "active" | "rejected" | "suspended";
              reason: string | null;
              upheldComplaints: number;
              ownerAccountId: number;
              createdAt: string;
              reviewedAt: string | null;
            };
          };
        };
        /** @description Error: VALIDATION_FAILED, MERCHANT_APPLICATION_EXISTS */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/merchant-applications/mine": {
    /** The caller’s latest application to join, with its state, the reason if rejected, and its history */
    get: {
      responses: {
        /** @description The application, or null */
        200: {
          content: {
            "application/json": {
              application: ({
                id: number;
                name: string;
                licenseNo: string;
                licenseFileId: number | null;
                categoryId: number;
                address: string;
                lat: number;
                lng: number;
                contactPhone: string;
                intro: string | null;
                /** @enum {string} */
                status: "pending" | "active" | "rejected" | "suspended";
                reason: string | null;
                upheldComplaints: number;
                ownerAccountId: number;
                createdAt: string;
                reviewedAt: string | null;
                categoryName: string | null;
                history: ({
                    action: string;
                    from: string | null;
                    to: string;
                    at: string;
                    by: string;
                    reason: string | null;
                  })[];
              }) | null;
            };
          };
        };
        /** @description Error */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/me/redemptions": {
    /** The caller’s discounts used, newest first */
    get: {
      parameters: {
        query?: {
          cursor?: string;
          limit?: number;
        };
      };
      responses: {
        /** @description A page of redemptions */
        200: {
          content: {
            "application/json": {
              items: ({
                  id: number;
                  holder: {
                    nameMasked: string;
                    /** @enum {string} */
                    category: "veteran" | "martyr_family" | "duty_death_family" | "illness_death_family";
                  };
                  offer: {
                    id: number;
                    title: string;
                  };
                  at: string;
                  merchant?: {
                    id: number;
                    name: string;
                  };
                })[];
              nextCursor: string | null;
            };
          };
        };
        /** @description Error */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/merchants/{id}/complaints": {
    /** Report a merchant (the discount was refused, say) to the bureau */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            text: string;
          };
        };
      };
      responses: {
        /** @description The complaint */
        201: {
          content: {
            "application/json": {
              id: number;
              merchantId: number;
              text: string;
              /** @enum {string} */
              status: "open" | "upheld" | "dismissed";
              resolution: string | null;
              hasRedemption: boolean;
              createdAt: string;
              handledAt: string | null;
            };
          };
        };
        /** @description Error: NOT_FOUND, VALIDATION_FAILED, IDENTITY_REQUIRED, CARD_INACTIVE, LIMIT_REACHED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/me/complaints": {
    /** The caller’s complaints, newest first, with the merchant, the outcome and its reason, and the history */
    get: {
      parameters: {
        query?: {
          cursor?: string;
          limit?: number;
        };
      };
      responses: {
        /** @description A page of complaints */
        200: {
          content: {
            "application/json": {
              items: ({
                  id: number;
                  merchant: {
                    id: number;
                    name: string;
                  };
                  text: string;
                  /** @enum {string} */
                  status: "open" | "upheld" | "dismissed";
                  statusText: string;
                  resolution: string | null;
                  createdAt: string;
                  handledAt: string | null;
                  history: ({
                      /** @enum {string|null} */
                      from: "open" | "upheld" | "dismissed" | null;
                      /** @enum {string} */
                      to: "open" | "upheld" | "dismissed";
                      at: string;
                      /** @enum {string} */
                      by: "holder" | "staff";
                      reason: string | null;
                    })[];
                })[];
              nextCursor: string | null;
            };
          };
        };
        /** @description Error: VALIDATION_FAILED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/merchant/me": {
    /** The caller’s merchant and their role in it */
    get: {
      responses: {
        /** @description The merchant */
        200: {
          content: {
            "application/json": {
              /** @enum {string} */
              role: "owner" | "clerk";
              merchant: {
                id: number;
                name: string;
                licenseNo: string;
                licenseFileId: number | null;
                categoryId: number;
                address: string;
                lat: number;
                lng: number;
                contactPhone: string;
                intro: string | null;
                /** @enum {string} */
                status: "pending" | "active" | "rejected" | "suspended";
                reason: string | null;
                upheldComplaints: number;
                ownerAccountId: number;
                createdAt: string;
                reviewedAt: string | null;
              };
            };
          };
        };
        /** @description Error */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/merchant/offers": {
    /** The merchant’s offers, newest first */
    get: {
      responses: {
        /** @description Offers */
        200: {
          content: {
            "application/json": {
              items: ({
                  id: number;
                  title: string;
                  description: string;
                  /** @enum {string} */
                  kind: "discount" | "voucher";
                  discountText: string;
                  priceFen: number | null;
                  faceValueFen: number | null;
                  perPersonDailyLimit: number | null;
                  stockTotal: number | null;
                  stockLeft: number | null;
                  eligibleCategories: ("veteran" | "martyr_family" | "duty_death_family" | "illness_death_family")[];
                  validFrom: string | null;
                  validTo: string | null;
                  /** @enum {string} */
                  status: "active" | "withdrawn";
                })[];
              nextCursor: null;
            };
          };
        };
        /** @description Error */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
    /** Publish a discount or a voucher (money in fen) */
    post: {
      requestBody: {
        content: {
          "application/json": {
            title: string;
            /** @default */
            description?: string;
            /** @enum {string} */
            kind: "discount" | "voucher";
            discountText: string;
            priceFen?: number | null;
            faceValueFen?: number | null;
            perPersonDailyLimit?: number | null;
            stockTotal?: number | null;
            eligibleCategories?: ("veteran" | "martyr_family" | "duty_death_family" | "illness_death_family")[];
            /** Format: date-time */
            validFrom?: string | null;
            /** Format: date-time */
            validTo?: string | null;
          };
        };
      };
      responses: {
        /** @description The offer */
        201: {
          content: {
            "application/json": {
              id: number;
              title: string;
              description: string;
              /** @enum {string} */
              kind: "discount" | "voucher";
              discountText: string;
              priceFen: number | null;
              faceValueFen: number | null;
              perPersonDailyLimit: number | null;
              stockTotal: number | null;
              stockLeft: number | null;
              eligibleCategories: ("veteran" | "martyr_family" | "duty_death_family" | "illness_death_family")[];
              validFrom: string | null;
              validTo: string | null;
              /** @enum {string} */
              status: "active" | "withdrawn";
            };
          };
        };
        /** @description Error: VALIDATION_FAILED, MERCHANT_INACTIVE */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/merchant/offers/{id}": {
    /** Edit one of the merchant’s offers */
    patch: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            title?: string;
            /** @default */
            description?: string;
            /** @enum {string} */
            kind?: "discount" | "voucher";
            discountText?: string;
            priceFen?: number | null;
            faceValueFen?: number | null;
            perPersonDailyLimit?: number | null;
            stockTotal?: number | null;
            eligibleCategories?: ("veteran" | "martyr_family" | "duty_death_family" | "illness_death_family")[];
            /** Format: date-time */
            validFrom?: string | null;
            /** Format: date-time */
            validTo?: string | null;
          };
        };
      };
      responses: {
        /** @description The offer */
        200: {
          content: {
            "application/json": {
              id: number;
              title: string;
              description: string;
              /** @enum {string} */
              kind: "discount" | "voucher";
              discountText: string;
              priceFen: number | null;
              faceValueFen: number | null;
              perPersonDailyLimit: number | null;
              stockTotal: number | null;
              stockLeft: number | null;
              eligibleCategories: ("veteran" | "martyr_family" | "duty_death_family" | "illness_death_family")[];
              validFrom: string | null;
              validTo: string | null;
              /** @enum {string} */
              status: "active" | "withdrawn";
            };
          };
        };
        /** @description Error: NOT_FOUND, VALIDATION_FAILED, INVALID_TRANSITION, MERCHANT_INACTIVE */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/merchant/offers/{id}/withdraw": {
    /** Withdraw an offer */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description The offer */
        200: {
          content: {
            "application/json": {
              id: number;
              title: string;
              description: string;
              /** @enum {string} */
              kind: "discount" | "voucher";
              discountText: string;
              priceFen: number | null;
              faceValueFen: number | null;
              perPersonDailyLimit: number | null;
              stockTotal: number | null;
              stockLeft: number | null;
              eligibleCategories: ("veteran" | "martyr_family" | "duty_death_family" | "illness_death_family")[];
              validFrom: string | null;
              validTo: string | null;
              /** @enum {string} */
              status: "active" | "withdrawn";
            };
          };
        };
        /** @description Error: NOT_FOUND, INVALID_TRANSITION */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/merchant/clerks": {
    /** The merchant’s clerks */
    get: {
      responses: {
        /** @description Clerks */
        200: {
          content: {
            "application/json": {
              items: {
                  accountId: number;
                  username: string;
                  displayName: string;
                  since: string;
                }[];
              nextCursor: null;
            };
          };
        };
        /** @description Error */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
    /** Add a counter clerk with a login of their own */
    post: {
      requestBody: {
        content: {
          "application/json": {
            username: string;
            password: string;
            displayName: string;
          };
        };
      };
      responses: {
        /** @description Created */
        201: {
          content: {
            "application/json": {
              id: number;
            };
          };
        };
        /** @description Error: USERNAME_TAKEN, VALIDATION_FAILED, MERCHANT_INACTIVE */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/merchant/clerks/{id}": {
    /** Remove a clerk: their login stops working */
    delete: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description Removed */
        204: {
          content: never;
        };
        /** @description Error: NOT_FOUND */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/merchant/redemptions": {
    /** The merchant’s redemptions, newest first, with daily counts for the last two weeks */
    get: {
      parameters: {
        query?: {
          cursor?: string;
          limit?: number;
        };
      };
      responses: {
        /** @description A page of redemptions and daily counts */
        200: {
          content: {
            "application/json": {
              items: ({
                  id: number;
                  holder: {
                    nameMasked: string;
                    /** @enum {string} */
                    category: "veteran" | "martyr_family" | "duty_death_family" | "illness_death_family";
                  };
                  offer: {
                    id: number;
                    title: string;
                  };
                  at: string;
                  merchant?: {
                    id: number;
                    name: string;
                  };
                })[];
              nextCursor: string | null;
              daily: {
                  day: string;
                  count: number;
                }[];
            };
          };
        };
        /** @description Error */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
    /** Verify a holder’s QR code for an offer and record one use */
    post: {
      requestBody: {
        content: {
          "application/json": {
            qrToken: string;
            offerId: number;
          };
        };
      };
      responses: {
        /** @description Recorded: the holder’s masked name and category to match the person */
        201: {
          content: {
            "application/json": {
              id: number;
              at: string;
              holder: {
                nameMasked: string;
                /** @enum {string} */
                category: "veteran" | "martyr_family" | "duty_death_family" | "illness_death_family";
                photoFileId: number | null;
              };
              offer: {
                id: number;
                title: string;
              };
              photoReadableUntil: string;
            };
          };
        };
        /** @description Error: QR_INVALID, QR_USED, CARD_INACTIVE, NOT_FOUND, LIMIT_REACHED, CATEGORY_NOT_ELIGIBLE, OFFER_UNAVAILABLE, MERCHANT_INACTIVE */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/merchant/figures": {
    /** The shop’s figures over Beijing days from…to (default the last 30): per day, per offer, total, holders */
    get: {
      parameters: {
        query?: {
          from?: string;
          to?: string;
        };
      };
      responses: {
        /** @description Figures */
        200: {
          content: {
            "application/json": {
              from: string;
              to: string;
              total: number;
              uniqueHolders: number;
              today: number;
              perDay: {
                  day: string;
                  count: number;
                }[];
              perOffer: {
                  offerId: number;
                  title: string;
                  count: number;
                }[];
            };
          };
        };
        /** @description Error: VALIDATION_FAILED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/merchants": {
    /** Merchants, newest first, by status, category and a text on name, licence number, address or phone, with upheld complaints */
    get: {
      parameters: {
        query?: {
          cursor?: string;
          limit?: number;
          status?: "pending" | "active" | "rejected" | "suspended";
          categoryId?: number;
          q?: string;
        };
      };
      responses: {
        /** @description A page of merchants */
        200: {
          content: {
            "application/json": {
              items: ({
                  id: number;
                  name: string;
                  licenseNo: string;
                  licenseFileId: number | null;
                  categoryId: number;
                  address: string;
                  lat: number;
                  lng: number;
                  contactPhone: string;
                  intro: string | null;
                  /** @enum {string} */
                  status: "pending" | "active" | "rejected" | "suspended";
                  reason: string | null;
                  upheldComplaints: number;
                  ownerAccountId: number;
                  createdAt: string;
                  reviewedAt: string | null;
                  history: ({
                      action: string;
                      from: string | null;
                      to: string;
                      at: string;
                      by: string;
                      reason: string | null;
                    })[];
                })[];
              nextCursor: string | null;
            };
          };
        };
        /** @description Error */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/merchant-applications/{id}/review": {
    /** Approve (the applicant becomes merchant_owner) or reject with a reason */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            /** @enum {string} */
            decision: "approve" | "reject";
            reason?: string;
          };
        };
      };
      responses: {
        /** @description The merchant */
        200: {
          content: {
            "application/json": {
              id: number;
              name: string;
              licenseNo: string;
              licenseFileId: number | null;
              categoryId: number;
              address: string;
              lat: number;
              lng: number;
              contactPhone: string;
              intro: string | null;
              /** @enum {string} */
              status: "pending" | "active" | "rejected" | "suspended";
              reason: string | null;
              upheldComplaints: number;
              ownerAccountId: number;
              createdAt: string;
              reviewedAt: string | null;
              history: ({
                  action: string;
                  from: string | null;
                  to: string;
                  at: string;
                  by: string;
                  reason: string | null;
                })[];
            };
          };
        };
        /** @description Error: NOT_FOUND, INVALID_TRANSITION, VALIDATION_FAILED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/merchants/{id}/suspend": {
    /** Suspend a merchant (complaints): hidden and unable to verify until restored */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            reason: string;
          };
        };
      };
      responses: {
        /** @description The merchant */
        200: {
          content: {
            "application/json": {
              id: number;
              name: string;
              licenseNo: string;
              licenseFileId: number | null;
              categoryId: number;
              address: string;
              lat: number;
              lng: number;
              contactPhone: string;
              intro: string | null;
              /** @enum {string} */
              status: "pending" | "active" | "rejected" | "suspended";
              reason: string | null;
              upheldComplaints: number;
              ownerAccountId: number;
              createdAt: string;
              reviewedAt: string | null;
              history: ({
                  action: string;
                  from: string | null;
                  to: string;
                  at: string;
                  by: string;
                  reason: string | null;
                })[];
            };
          };
        };
        /** @description Error: NOT_FOUND, INVALID_TRANSITION */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/merchants/{id}/restore": {
    /** Restore a suspended merchant */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description The merchant */
        200: {
          content: {
            "application/json": {
              id: number;
              name: string;
              licenseNo: string;
              licenseFileId: number | null;
              categoryId: number;
              address: string;
              lat: number;
              lng: number;
              contactPhone: string;
              intro: string | null;
              /** @enum {string} */
              status: "pending" | "active" | "rejected" | "suspended";
              reason: string | null;
              upheldComplaints: number;
              ownerAccountId: number;
              createdAt: string;
              reviewedAt: string | null;
              history: ({
                  action: string;
                  from: string | null;
                  to: string;
                  at: string;
                  by: string;
                  reason: string | null;
                })[];
            };
          };
        };
        /** @description Error: NOT_FOUND, INVALID_TRANSITION */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/merchant-categories": {
    /** Add a merchant category */
    post: {
      requestBody: {
        content: {
          "application/json": {
            name: string;
            sort?: number;
            active?: boolean;
          };
        };
      };
      responses: {
        /** @description The category */
        201: {
          content: {
            "application/json": {
              id: number;
              name: string;
              sort: number;
              active: boolean;
            };
          };
        };
        /** @description Error: CATEGORY_EXISTS */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/merchant-categories/{id}": {
    /** Rename, reorder or retire a merchant category */
    patch: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            name?: string;
            sort?: number;
            active?: boolean;
          };
        };
      };
      responses: {
        /** @description The category */
        200: {
          content: {
            "application/json": {
              id: number;
              name: string;
              sort: number;
              active: boolean;
            };
          };
        };
        /** @description Error: NOT_FOUND, CATEGORY_EXISTS */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/complaints": {
    /** Complaints about merchants, newest first */
    get: {
      parameters: {
        query?: {
          cursor?: string;
          limit?: number;
          status?: "open" | "upheld" | "dismissed";
          merchantId?: number;
        };
      };
      responses: {
        /** @description A page of complaints */
        200: {
          content: {
            "application/json": {
              items: ({
                  id: number;
                  merchantId: number;
                  text: string;
                  /** @enum {string} */
                  status: "open" | "upheld" | "dismissed";
                  resolution: string | null;
                  hasRedemption: boolean;
                  createdAt: string;
                  handledAt: string | null;
                  merchantName: string | null;
                })[];
              nextCursor: string | null;
            };
          };
        };
        /** @description Error */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/complaints/{id}": {
    /** One complaint with both sides: the holder’s words and visits, the merchant’s record and other complaints */
    get: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description The complaint and both sides */
        200: {
          content: {
            "application/json": {
              complaint: {
                id: number;
                merchantId: number;
                text: string;
                /** @enum {string} */
                status: "open" | "upheld" | "dismissed";
                resolution: string | null;
                hasRedemption: boolean;
                createdAt: string;
                handledAt: string | null;
                merchantName: string | null;
              };
              history: ({
                  action: string;
                  from: string | null;
                  to: string;
                  at: string;
                  by: string;
                  reason: string | null;
                })[];
              holder: {
                accountId: number;
                nameMasked: string | null;
                redemptionsHere: number;
                recentRedemptions: string[];
              };
              merchant: ({
                id: number;
                name: string;
                licenseNo: string;
                licenseFileId: number | null;
                categoryId: number;
                address: string;
                lat: number;
                lng: number;
                contactPhone: string;
                intro: string | null;
                /** @enum {string} */
                status: "pending" | "active" | "rejected" | "suspended";
                reason: string | null;
                upheldComplaints: number;
                ownerAccountId: number;
                createdAt: string;
                reviewedAt: string | null;
              }) | null;
              otherComplaints: {
                open: number;
                upheld: number;
                dismissed: number;
              };
            };
          };
        };
        /** @description Error: NOT_FOUND */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/complaints/{id}/resolve": {
    /** Uphold or dismiss a complaint with a resolution */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            /** @enum {string} */
            outcome: "upheld" | "dismissed";
            resolution: string;
          };
        };
      };
      responses: {
        /** @description The complaint */
        200: {
          content: {
            "application/json": {
              id: number;
              merchantId: number;
              text: string;
              /** @enum {string} */
              status: "open" | "upheld" | "dismissed";
              resolution: string | null;
              hasRedemption: boolean;
              createdAt: string;
              handledAt: string | null;
            };
          };
        };
        /** @description Error: NOT_FOUND, INVALID_TRANSITION */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/merchant-figures": {
    /** Redemptions per merchant and per category over the last days */
    get: {
      parameters: {
        query?: {
          days?: number;
        };
      };
      responses: {
        /** @description Figures */
        200: {
          content: {
            "application/json": {
              since: string;
              perMerchant: {
                  merchantId: number;
                  name: string;
                  upheldComplaints: number;
                  count: number;
                }[];
              perCategory: {
                  categoryId: number;
                  count: number;
                }[];
            };
          };
        };
        /** @description Error */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/merchant-figures/series": {
    /** Redemptions, holders and merchants per week (Monday first) or calendar month, Beijing time: the last `count` periods, the current one last, and per category over them */
    get: {
      parameters: {
        query?: {
          period?: "week" | "month";
          count?: number;
        };
      };
      responses: {
        /** @description The series */
        200: {
          content: {
            "application/json": {
              /** @enum {string} */
              period: "week" | "month";
              since: string;
              items: {
                  start: string;
                  redemptions: number;
                  holders: number;
                  merchants: number;
                }[];
              perCategory: {
                  categoryId: number;
                  redemptions: number;
                }[];
            };
          };
        };
        /** @description Error: VALIDATION_FAILED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/legal-aid/providers": {
    /** Published profiles of lawyers, mediators and counsellors (点将台), by service type */
    get: {
      parameters: {
        query?: {
          serviceType?: "consultation" | "legal_aid" | "mediation" | "counselling";
        };
      };
      responses: {
        /** @description Providers */
        200: {
          content: {
            "application/json": {
              items: ({
                  id: number;
                  name: string;
                  /** @enum {string} */
                  kind: "lawyer" | "mediator" | "counsellor";
                  firm: string;
                  photoFileId: number | null;
                  specialties: string[];
                  serviceTypes: ("consultation" | "legal_aid" | "mediation" | "counselling")[];
                  modes: ("onsite" | "phone" | "video")[];
                  languages: string[];
                  intro: string;
                  address: string | null;
                  averageRating: number | null;
                  ratingCount: number;
                  servedCount: number;
                })[];
              nextCursor: null;
            };
          };
        };
        /** @description Error */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/legal-aid/providers/{id}": {
    /** One provider’s profile with rating and cases served */
    get: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description The provider */
        200: {
          content: {
            "application/json": {
              id: number;
              name: string;
              /** @enum {string} */
              kind: "lawyer" | "mediator" | "counsellor";
              firm: string;
              photoFileId: number | null;
              specialties: string[];
              serviceTypes: ("consultation" | "legal_aid" | "mediation" | "counselling")[];
              modes: ("onsite" | "phone" | "video")[];
              languages: string[];
              intro: string;
              address: string | null;
              averageRating: number | null;
              ratingCount: number;
              servedCount: number;
            };
          };
        };
        /** @description Error: NOT_FOUND */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/legal-aid/providers/{id}/slots": {
    /** A provider’s open times (default: the next 14 days) with the places left */
    get: {
      parameters: {
        query?: {
          from?: string;
          to?: string;
        };
        path: {
          id: number;
        };
      };
      responses: {
        /** @description Slots */
        200: {
          content: {
            "application/json": {
              items: ({
                  id: number;
                  startsAt: string;
                  endsAt: string;
                  remaining: number;
                  serviceTypes: ("consultation" | "legal_aid" | "mediation" | "counselling")[];
                  modes: ("onsite" | "phone" | "video")[];
                })[];
            };
          };
        };
        /** @description Error: NOT_FOUND */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/legal-aid/appointments": {
    /** Book a place in a slot (capacity is never exceeded; at most 3 future appointments) */
    post: {
      requestBody: {
        content: {
          "application/json": {
            slotId: number;
            /** @enum {string} */
            serviceType: "consultation" | "legal_aid" | "mediation" | "counselling";
            /** @enum {string} */
            mode: "onsite" | "phone" | "video";
            summary: string;
          };
        };
      };
      responses: {
        /** @description The appointment */
        201: {
          content: {
            "application/json": {
              id: number;
              /** @enum {string} */
              status: "booked" | "checked_in" | "completed" | "cancelled" | "no_show";
              /** @enum {string} */
              serviceType: "consultation" | "legal_aid" | "mediation" | "counselling";
              /** @enum {string} */
              mode: "onsite" | "phone" | "video";
              summary: string;
              startsAt: string;
              provider: {
                id: number;
                name: string;
              } | null;
              /** @enum {string|null} */
              cancelledBy: "holder" | "staff" | null;
              cancelReason: string | null;
              rating: number | null;
              comment: string | null;
              place: ({
                address: string;
                latitude: number | null;
                longitude: number | null;
              }) | null;
              callTo: string | null;
              meetingLink: string | null;
              allowedActions: string[];
              history: ({
                  action: string;
                  from: string | null;
                  to: string;
                  at: string;
                  by: string;
                  reason: string | null;
                })[];
            };
          };
        };
        /** @description Error: NOT_FOUND, SLOT_FULL, ALREADY_BOOKED, SLOT_CANCELLED, SLOT_IN_PAST, TOO_MANY_APPOINTMENTS, VALIDATION_FAILED, PROXY_NOT_ALLOWED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/legal-aid/appointments/mine": {
    /** The caller’s appointments (newest first) and the times they wait for */
    get: {
      responses: {
        /** @description Appointments and waitlist entries */
        200: {
          content: {
            "application/json": {
              items: ({
                  id: number;
                  /** @enum {string} */
                  status: "booked" | "checked_in" | "completed" | "cancelled" | "no_show";
                  /** @enum {string} */
                  serviceType: "consultation" | "legal_aid" | "mediation" | "counselling";
                  /** @enum {string} */
                  mode: "onsite" | "phone" | "video";
                  summary: string;
                  startsAt: string;
                  provider: {
                    id: number;
                    name: string;
                  } | null;
                  /** @enum {string|null} */
                  cancelledBy: "holder" | "staff" | null;
                  cancelReason: string | null;
                  rating: number | null;
                  comment: string | null;
                  place: ({
                    address: string;
                    latitude: number | null;
                    longitude: number | null;
                  }) | null;
                  callTo: string | null;
                  meetingLink: string | null;
                  allowedActions: string[];
                  history: ({
                      action: string;
                      from: string | null;
                      to: string;
                      at: string;
                      by: string;
                      reason: string | null;
                    })[];
                })[];
              waitlist: ({
                  id: number;
                  /** @enum {string} */
                  status: "waiting" | "offered" | "accepted" | "expired" | "left" | "cancelled";
                  slot: {
                    id: number;
                    startsAt: string;
                  } | null;
                  provider: {
                    id: number;
                    name: string;
                  } | null;
                  offerExpiresAt: string | null;
                  allowedActions: string[];
                })[];
              nextCursor: null;
            };
          };
        };
        /** @description Error: PROXY_NOT_ALLOWED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/legal-aid/appointments/{id}/cancel": {
    /** Cancel, until 2 hours before the start; the place goes to the waitlist */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description The appointment */
        200: {
          content: {
            "application/json": {
              id: number;
              /** @enum {string} */
              status: "booked" | "checked_in" | "completed" | "cancelled" | "no_show";
              /** @enum {string} */
              serviceType: "consultation" | "legal_aid" | "mediation" | "counselling";
              /** @enum {string} */
              mode: "onsite" | "phone" | "video";
              summary: string;
              startsAt: string;
              provider: {
                id: number;
                name: string;
              } | null;
              /** @enum {string|null} */
              cancelledBy: "holder" | "staff" | null;
              cancelReason: string | null;
              rating: number | null;
              comment: string | null;
              place: ({
                address: string;
                latitude: number | null;
                longitude: number | null;
              }) | null;
              callTo: string | null;
              meetingLink: string | null;
              allowedActions: string[];
              history: ({
                  action: string;
                  from: string | null;
                  to: string;
                  at: string;
                  by: string;
                  reason: string | null;
                })[];
            };
          };
        };
        /** @description Error: NOT_FOUND, CANCEL_TOO_LATE, INVALID_TRANSITION, PROXY_NOT_ALLOWED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/legal-aid/appointments/{id}/review": {
    /** Rate a completed appointment (1–5) with an optional comment */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            rating: number;
            comment?: string;
          };
        };
      };
      responses: {
        /** @description The appointment */
        200: {
          content: {
            "application/json": {
              id: number;
              /** @enum {string} */
              status: "booked" | "checked_in" | "completed" | "cancelled" | "no_show";
              /** @enum {string} */
              serviceType: "consultation" | "legal_aid" | "mediation" | "counselling";
              /** @enum {string} */
              mode: "onsite" | "phone" | "video";
              summary: string;
              startsAt: string;
              provider: {
                id: number;
                name: string;
              } | null;
              /** @enum {string|null} */
              cancelledBy: "holder" | "staff" | null;
              cancelReason: string | null;
              rating: number | null;
              comment: string | null;
              place: ({
                address: string;
                latitude: number | null;
                longitude: number | null;
              }) | null;
              callTo: string | null;
              meetingLink: string | null;
              allowedActions: string[];
              history: ({
                  action: string;
                  from: string | null;
                  to: string;
                  at: string;
                  by: string;
                  reason: string | null;
                })[];
            };
          };
        };
        /** @description Error: NOT_FOUND, INVALID_TRANSITION, ALREADY_RATED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/legal-aid/waitlist": {
    /** Wait for a full slot: a freed place is offered to the first in line, for a limited time */
    post: {
      requestBody: {
        content: {
          "application/json": {
            slotId: number;
            /** @enum {string} */
            serviceType: "consultation" | "legal_aid" | "mediation" | "counselling";
            /** @enum {string} */
            mode: "onsite" | "phone" | "video";
            summary: string;
          };
        };
      };
      responses: {
        /** @description The waitlist entry */
        201: {
          content: {
            "application/json": {
              id: number;
              /** @enum {string} */
              status: "waiting" | "offered" | "accepted" | "expired" | "left" | "cancelled";
              slot: {
                id: number;
                startsAt: string;
              } | null;
              provider: {
                id: number;
                name: string;
              } | null;
              offerExpiresAt: string | null;
              allowedActions: string[];
            };
          };
        };
        /** @description Error: NOT_FOUND, SLOT_AVAILABLE, ALREADY_WAITING, ALREADY_BOOKED, SLOT_CANCELLED, SLOT_IN_PAST */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/legal-aid/waitlist/{id}/accept": {
    /** Take the place offered from the waitlist */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description The appointment */
        201: {
          content: {
            "application/json": {
              id: number;
              /** @enum {string} */
              status: "booked" | "checked_in" | "completed" | "cancelled" | "no_show";
              /** @enum {string} */
              serviceType: "consultation" | "legal_aid" | "mediation" | "counselling";
              /** @enum {string} */
              mode: "onsite" | "phone" | "video";
              summary: string;
              startsAt: string;
              provider: {
                id: number;
                name: string;
              } | null;
              /** @enum {string|null} */
              cancelledBy: "holder" | "staff" | null;
              cancelReason: string | null;
              rating: number | null;
              comment: string | null;
              place: ({
                address: string;
                latitude: number | null;
                longitude: number | null;
              }) | null;
              callTo: string | null;
              meetingLink: string | null;
              allowedActions: string[];
              history: ({
                  action: string;
                  from: string | null;
                  to: string;
                  at: string;
                  by: string;
                  reason: string | null;
                })[];
            };
          };
        };
        /** @description Error: NOT_FOUND, OFFER_EXPIRED, TOO_MANY_APPOINTMENTS, ALREADY_BOOKED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/legal-aid/waitlist/{id}/leave": {
    /** Stop waiting (an offer not taken passes to the next) */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description Left */
        204: {
          content: never;
        };
        /** @description Error: NOT_FOUND, INVALID_TRANSITION */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/provider/appointments": {
    /** Appointments: a provider sees their own only (with the holder’s name and, while live, phone), staff any provider’s */
    get: {
      parameters: {
        query?: {
          providerId?: number;
          status?: "booked" | "checked_in" | "completed" | "cancelled" | "no_show";
          from?: string;
          to?: string;
        };
      };
      responses: {
        /** @description Appointments with private notes */
        200: {
          content: {
            "application/json": {
              items: ({
                  id: number;
                  /** @enum {string} */
                  status: "booked" | "checked_in" | "completed" | "cancelled" | "no_show";
                  /** @enum {string} */
                  serviceType: "consultation" | "legal_aid" | "mediation" | "counselling";
                  /** @enum {string} */
                  mode: "onsite" | "phone" | "video";
                  summary: string;
                  startsAt: string;
                  providerId: number;
                  providerName: string | null;
                  holderAccountId: number;
                  privateNotes: string | null;
                  meetingLink: string | null;
                  /** @enum {string|null} */
                  cancelledBy: "holder" | "staff" | null;
                  cancelReason: string | null;
                  rating: number | null;
                  comment: string | null;
                  holder?: ({
                    name: string;
                    phone: string | null;
                  }) | null;
                  allowedActions: string[];
                  history: ({
                      action: string;
                      from: string | null;
                      to: string;
                      at: string;
                      by: string;
                      reason: string | null;
                    })[];
                })[];
              nextCursor: null;
            };
          };
        };
        /** @description Error: FORBIDDEN, VALIDATION_FAILED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/provider/appointments/{id}/check-in": {
    /** Check the holder in */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description The appointment */
        200: {
          content: {
            "application/json": {
              id: number;
              /** @enum {string} */
              status: "booked" | "checked_in" | "completed" | "cancelled" | "no_show";
              /** @enum {string} */
              serviceType: "consultation" | "legal_aid" | "mediation" | "counselling";
              /** @enum {string} */
              mode: "onsite" | "phone" | "video";
              summary: string;
              startsAt: string;
              providerId: number;
              providerName: string | null;
              holderAccountId: number;
              privateNotes: string | null;
              meetingLink: string | null;
              /** @enum {string|null} */
              cancelledBy: "holder" | "staff" | null;
              cancelReason: string | null;
              rating: number | null;
              comment: string | null;
              holder?: ({
                name: string;
                phone: string | null;
              }) | null;
              allowedActions: string[];
              history: ({
                  action: string;
                  from: string | null;
                  to: string;
                  at: string;
                  by: string;
                  reason: string | null;
                })[];
            };
          };
        };
        /** @description Error: NOT_FOUND, INVALID_TRANSITION, TOO_EARLY, FORBIDDEN */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/provider/appointments/{id}/complete": {
    /** Complete, with private notes (provider and staff only) */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            notes?: string;
          };
        };
      };
      responses: {
        /** @description The appointment */
        200: {
          content: {
            "application/json": {
              id: number;
              /** @enum {string} */
              status: "booked" | "checked_in" | "completed" | "cancelled" | "no_show";
              /** @enum {string} */
              serviceType: "consultation" | "legal_aid" | "mediation" | "counselling";
              /** @enum {string} */
              mode: "onsite" | "phone" | "video";
              summary: string;
              startsAt: string;
              providerId: number;
              providerName: string | null;
              holderAccountId: number;
              privateNotes: string | null;
              meetingLink: string | null;
              /** @enum {string|null} */
              cancelledBy: "holder" | "staff" | null;
              cancelReason: string | null;
              rating: number | null;
              comment: string | null;
              holder?: ({
                name: string;
                phone: string | null;
              }) | null;
              allowedActions: string[];
              history: ({
                  action: string;
                  from: string | null;
                  to: string;
                  at: string;
                  by: string;
                  reason: string | null;
                })[];
            };
          };
        };
        /** @description Error: NOT_FOUND, INVALID_TRANSITION, TOO_EARLY, FORBIDDEN */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/provider/appointments/{id}/no-show": {
    /** Mark a no-show (once the time has begun) */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description The appointment */
        200: {
          content: {
            "application/json": {
              id: number;
              /** @enum {string} */
              status: "booked" | "checked_in" | "completed" | "cancelled" | "no_show";
              /** @enum {string} */
              serviceType: "consultation" | "legal_aid" | "mediation" | "counselling";
              /** @enum {string} */
              mode: "onsite" | "phone" | "video";
              summary: string;
              startsAt: string;
              providerId: number;
              providerName: string | null;
              holderAccountId: number;
              privateNotes: string | null;
              meetingLink: string | null;
              /** @enum {string|null} */
              cancelledBy: "holder" | "staff" | null;
              cancelReason: string | null;
              rating: number | null;
              comment: string | null;
              holder?: ({
                name: string;
                phone: string | null;
              }) | null;
              allowedActions: string[];
              history: ({
                  action: string;
                  from: string | null;
                  to: string;
                  at: string;
                  by: string;
                  reason: string | null;
                })[];
            };
          };
        };
        /** @description Error: NOT_FOUND, INVALID_TRANSITION, TOO_EARLY, FORBIDDEN */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/provider/appointments/{id}/notes": {
    /** Replace the notes on an appointment (provider and staff only; never shown to the holder) */
    put: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            notes: string;
          };
        };
      };
      responses: {
        /** @description The appointment */
        200: {
          content: {
            "application/json": {
              id: number;
              /** @enum {string} */
              status: "booked" | "checked_in" | "completed" | "cancelled" | "no_show";
              /** @enum {string} */
              serviceType: "consultation" | "legal_aid" | "mediation" | "counselling";
              /** @enum {string} */
              mode: "onsite" | "phone" | "video";
              summary: string;
              startsAt: string;
              providerId: number;
              providerName: string | null;
              holderAccountId: number;
              privateNotes: string | null;
              meetingLink: string | null;
              /** @enum {string|null} */
              cancelledBy: "holder" | "staff" | null;
              cancelReason: string | null;
              rating: number | null;
              comment: string | null;
              holder?: ({
                name: string;
                phone: string | null;
              }) | null;
              allowedActions: string[];
              history: ({
                  action: string;
                  from: string | null;
                  to: string;
                  at: string;
                  by: string;
                  reason: string | null;
                })[];
            };
          };
        };
        /** @description Error: NOT_FOUND, INVALID_TRANSITION, FORBIDDEN, VALIDATION_FAILED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/provider/appointments/{id}/meeting": {
    /** Set or change the video meeting (link or meeting number) of a live video appointment; the holder is told */
    put: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            meetingLink: string;
          };
        };
      };
      responses: {
        /** @description The appointment */
        200: {
          content: {
            "application/json": {
              id: number;
              /** @enum {string} */
              status: "booked" | "checked_in" | "completed" | "cancelled" | "no_show";
              /** @enum {string} */
              serviceType: "consultation" | "legal_aid" | "mediation" | "counselling";
              /** @enum {string} */
              mode: "onsite" | "phone" | "video";
              summary: string;
              startsAt: string;
              providerId: number;
              providerName: string | null;
              holderAccountId: number;
              privateNotes: string | null;
              meetingLink: string | null;
              /** @enum {string|null} */
              cancelledBy: "holder" | "staff" | null;
              cancelReason: string | null;
              rating: number | null;
              comment: string | null;
              holder?: ({
                name: string;
                phone: string | null;
              }) | null;
              allowedActions: string[];
              history: ({
                  action: string;
                  from: string | null;
                  to: string;
                  at: string;
                  by: string;
                  reason: string | null;
                })[];
            };
          };
        };
        /** @description Error: NOT_FOUND, NOT_VIDEO, INVALID_TRANSITION, FORBIDDEN, VALIDATION_FAILED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/legal-aid/providers": {
    /** Every provider profile, retired ones last, with the login and map point staff manage */
    get: {
      responses: {
        /** @description Providers */
        200: {
          content: {
            "application/json": {
              items: ({
                  id: number;
                  name: string;
                  /** @enum {string} */
                  kind: "lawyer" | "mediator" | "counsellor";
                  firm: string;
                  photoFileId: number | null;
                  specialties: string[];
                  serviceTypes: ("consultation" | "legal_aid" | "mediation" | "counselling")[];
                  modes: ("onsite" | "phone" | "video")[];
                  languages: string[];
                  intro: string;
                  address: string | null;
                  averageRating: number | null;
                  ratingCount: number;
                  servedCount: number;
                  active: boolean;
                  accountId: number | null;
                  location: {
                    latitude: number;
                    longitude: number;
                  } | null;
                })[];
              nextCursor: null;
            };
          };
        };
        /** @description Error */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
    /** Create a provider profile, optionally linked to a lawyer login */
    post: {
      requestBody: {
        content: {
          "application/json": {
            name: string;
            /** @enum {string} */
            kind: "lawyer" | "mediator" | "counsellor";
            firm: string;
            specialties: string[];
            serviceTypes: ("consultation" | "legal_aid" | "mediation" | "counselling")[];
            modes: ("onsite" | "phone" | "video")[];
            /**
             * @default [
             *   "普通话"
             * ]
             */
            languages?: string[];
            /** @default */
            intro?: string;
            photoFileId?: number | null;
            accountId?: number | null;
            active?: boolean;
            address?: string | null;
            location?: {
              latitude: number;
              longitude: number;
            } | null;
          };
        };
      };
      responses: {
        /** @description The provider */
        201: {
          content: {
            "application/json": {
              id: number;
              name: string;
              /** @enum {string} */
              kind: "lawyer" | "mediator" | "counsellor";
              firm: string;
              photoFileId: number | null;
              specialties: string[];
              serviceTypes: ("consultation" | "legal_aid" | "mediation" | "counselling")[];
              modes: ("onsite" | "phone" | "video")[];
              languages: string[];
              intro: string;
              address: string | null;
              averageRating: number | null;
              ratingCount: number;
              servedCount: number;
            };
          };
        };
        /** @description Error: VALIDATION_FAILED, ACCOUNT_LINKED, FILE_NOT_ATTACHABLE */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/legal-aid/providers/{id}/schedule": {
    /** A provider’s weekly hours (as they are replaced) and days off from today on */
    get: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description Hours and days off */
        200: {
          content: {
            "application/json": {
              schedules: ({
                  weekday: number;
                  start: string;
                  end: string;
                  slotMinutes: number;
                  capacity: number;
                  serviceTypes: ("consultation" | "legal_aid" | "mediation" | "counselling")[];
                  modes: ("onsite" | "phone" | "video")[];
                })[];
              daysOff: ({
                  day: string;
                  reason: string | null;
                })[];
            };
          };
        };
        /** @description Error: NOT_FOUND */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
    /** Replace the weekly hours; free future slots are remade, booked ones kept */
    put: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            schedules: ({
                weekday: number;
                start: string;
                end: string;
                /** @default 30 */
                slotMinutes?: number;
                /** @default 1 */
                capacity?: number;
                serviceTypes: ("consultation" | "legal_aid" | "mediation" | "counselling")[];
                modes: ("onsite" | "phone" | "video")[];
              })[];
          };
        };
      };
      responses: {
        /** @description The schedule and how many slots were made */
        200: {
          content: {
            "application/json": {
              schedules: {
                  weekday: number;
                  startMinute: number;
                  endMinute: number;
                  slotMinutes: number;
                  capacity: number;
                }[];
              slotsMade: number;
            };
          };
        };
        /** @description Error: NOT_FOUND, VALIDATION_FAILED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/legal-aid/providers/{id}/desk-slots": {
    /** Every slot of a provider in a span (at most 31 days), open or cancelled, with places taken */
    get: {
      parameters: {
        query: {
          from: string;
          to: string;
        };
        path: {
          id: number;
        };
      };
      responses: {
        /** @description Slots */
        200: {
          content: {
            "application/json": {
              items: ({
                  id: number;
                  startsAt: string;
                  endsAt: string;
                  capacity: number;
                  booked: number;
                  /** @enum {string} */
                  status: "open" | "cancelled";
                  cancelReason: string | null;
                })[];
            };
          };
        };
        /** @description Error: NOT_FOUND, VALIDATION_FAILED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/legal-aid/providers/{id}": {
    /** Replace a provider profile */
    put: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            name: string;
            /** @enum {string} */
            kind: "lawyer" | "mediator" | "counsellor";
            firm: string;
            specialties: string[];
            serviceTypes: ("consultation" | "legal_aid" | "mediation" | "counselling")[];
            modes: ("onsite" | "phone" | "video")[];
            /**
             * @default [
             *   "普通话"
             * ]
             */
            languages?: string[];
            /** @default */
            intro?: string;
            photoFileId?: number | null;
            accountId?: number | null;
            active?: boolean;
            address?: string | null;
            location?: {
              latitude: number;
              longitude: number;
            } | null;
          };
        };
      };
      responses: {
        /** @description The provider */
        200: {
          content: {
            "application/json": {
              id: number;
              name: string;
              /** @enum {string} */
              kind: "lawyer" | "mediator" | "counsellor";
              firm: string;
              photoFileId: number | null;
              specialties: string[];
              serviceTypes: ("consultation" | "legal_aid" | "mediation" | "counselling")[];
              modes: ("onsite" | "phone" | "video")[];
              languages: string[];
              intro: string;
              address: string | null;
              averageRating: number | null;
              ratingCount: number;
              servedCount: number;
            };
          };
        };
        /** @description Error: NOT_FOUND, VALIDATION_FAILED, ACCOUNT_LINKED, FILE_NOT_ATTACHABLE */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/legal-aid/providers/{id}/days-off": {
    /** A day off: that day’s free slots are removed; booked ones stay for the desk to cancel */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            /** Format: date */
            day: string;
            reason?: string;
          };
        };
      };
      responses: {
        /** @description How many booked slots remain that day */
        201: {
          content: {
            "application/json": {
              keptBooked: number;
            };
          };
        };
        /** @description Error: NOT_FOUND, DAY_OFF_EXISTS */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/legal-aid/providers/{id}/days-off/{day}": {
    /** Take a day off back (today or later): that day’s free slots are made again from the weekly hours */
    delete: {
      parameters: {
        path: {
          id: number;
          day: string;
        };
      };
      responses: {
        /** @description How many slots were made */
        200: {
          content: {
            "application/json": {
              slotsMade: number;
            };
          };
        };
        /** @description Error: NOT_FOUND, DAY_OFF_PAST, VALIDATION_FAILED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/legal-aid/slots/{id}/cancel": {
    /** Cancel a slot with a reason: its holders are told, with the provider’s next free time */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            reason: string;
          };
        };
      };
      responses: {
        /** @description The slot and how many bookings were cancelled */
        200: {
          content: {
            "application/json": {
              slot: {
                id: number;
                startsAt: string;
                endsAt: string;
                remaining: number;
                serviceTypes: ("consultation" | "legal_aid" | "mediation" | "counselling")[];
                modes: ("onsite" | "phone" | "video")[];
              };
              /** @enum {string} */
              status: "open" | "cancelled";
              cancelled: number;
            };
          };
        };
        /** @description Error: NOT_FOUND, INVALID_TRANSITION */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/legal-aid/appointments/{id}/cancel": {
    /** Cancel one booking with a reason (the desk may do so at any time) */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            reason: string;
          };
        };
      };
      responses: {
        /** @description The appointment */
        200: {
          content: {
            "application/json": {
              id: number;
              /** @enum {string} */
              status: "booked" | "checked_in" | "completed" | "cancelled" | "no_show";
              /** @enum {string} */
              serviceType: "consultation" | "legal_aid" | "mediation" | "counselling";
              /** @enum {string} */
              mode: "onsite" | "phone" | "video";
              summary: string;
              startsAt: string;
              providerId: number;
              providerName: string | null;
              holderAccountId: number;
              privateNotes: string | null;
              meetingLink: string | null;
              /** @enum {string|null} */
              cancelledBy: "holder" | "staff" | null;
              cancelReason: string | null;
              rating: number | null;
              comment: string | null;
              holder?: ({
                name: string;
                phone: string | null;
              }) | null;
              allowedActions: string[];
              history: ({
                  action: string;
                  from: string | null;
                  to: string;
                  at: string;
                  by: string;
                  reason: string | null;
                })[];
            };
          };
        };
        /** @description Error: NOT_FOUND, INVALID_TRANSITION */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/legal-aid/flagged": {
    /** Holders with repeated no-shows */
    get: {
      responses: {
        /** @description Flagged holders */
        200: {
          content: {
            "application/json": {
              items: {
                  accountId: number;
                  noShows: number;
                }[];
              nextCursor: null;
            };
          };
        };
        /** @description Error */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/legal-aid/figures": {
    /** By service type and outcome, no-show rate, ratings per provider, busiest hours */
    get: {
      parameters: {
        query?: {
          days?: number;
        };
      };
      responses: {
        /** @description Figures */
        200: {
          content: {
            "application/json": {
              days: number;
              byServiceType: {
                [key: string]: {
                  [key: string]: number;
                };
              };
              noShowRate: number | null;
              providers: ({
                  id: number;
                  name: string;
                  servedCount: number;
                  ratingCount: number;
                  averageRating: number | null;
                })[];
              busiestHours: {
                  hour: string;
                  count: number;
                }[];
            };
          };
        };
        /** @description Error */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/legal-aid/figures/series": {
    /** Appointments per week (Monday first) or calendar month, Beijing time, by when they start: the last `count` periods, the current one last, and per service type over them */
    get: {
      parameters: {
        query?: {
          period?: "week" | "month";
          count?: number;
        };
      };
      responses: {
        /** @description The series */
        200: {
          content: {
            "application/json": {
              /** @enum {string} */
              period: "week" | "month";
              since: string;
              items: {
                  start: string;
                  appointments: number;
                  completed: number;
                  noShows: number;
                  cancelled: number;
                }[];
              perServiceType: ({
                  /** @enum {string} */
                  serviceType: "consultation" | "legal_aid" | "mediation" | "counselling";
                  appointments: number;
                  completed: number;
                  noShows: number;
                  cancelled: number;
                })[];
            };
          };
        };
        /** @description Error: VALIDATION_FAILED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/legal-aid/providers/{id}/ratings": {
    /** Ratings and comments of one provider, newest first */
    get: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description Ratings */
        200: {
          content: {
            "application/json": {
              items: ({
                  appointmentId: number;
                  rating: number | null;
                  comment: string | null;
                  /** @enum {string} */
                  serviceType: "consultation" | "legal_aid" | "mediation" | "counselling";
                })[];
              nextCursor: null;
            };
          };
        };
        /** @description Error */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/voucher-orders": {
    /** Order vouchers of an offer (the amount is the offer’s price × quantity, computed here); answers the order and the wx.requestPayment arguments. Stock and the per-person daily limit are held until the order closes unpaid */
    post: {
      requestBody: {
        content: {
          "application/json": {
            offerId: number;
            /** @default 1 */
            quantity?: number;
          };
        };
      };
      responses: {
        /** @description The order, waiting for payment */
        201: {
          content: {
            "application/json": {
              order: {
                id: number;
                outTradeNo: string;
                title: string;
                merchantId: number;
                offerId: number;
                quantity: number;
                unitPriceFen: number;
                faceValueFen: number;
                amountFen: number;
                /** @enum {string} */
                status: "created" | "paid" | "redeemed" | "refunding" | "refunded" | "closed";
                statusText: string;
                payBy: string;
                paidAt: string | null;
                validTo: string | null;
                createdAt: string;
              };
              payment: {
                appId: string;
                timeStamp: string;
                nonceStr: string;
                package: string;
                /** @constant */
                signType: "RSA";
                paySign: string;
                devPay: boolean;
              };
            };
          };
        };
        /** @description Error: NOT_FOUND, VALIDATION_FAILED, CARD_INACTIVE, OFFER_UNAVAILABLE, CATEGORY_NOT_ELIGIBLE, SOLD_OUT, LIMIT_REACHED, WECHAT_REQUIRED, PAYMENT_UNAVAILABLE, PAYMENT_FAILED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/voucher-orders/mine": {
    /** The caller’s voucher orders, newest first */
    get: {
      parameters: {
        query?: {
          cursor?: string;
          limit?: number;
        };
      };
      responses: {
        /** @description A page of orders */
        200: {
          content: {
            "application/json": {
              items: ({
                  id: number;
                  outTradeNo: string;
                  title: string;
                  merchantId: number;
                  offerId: number;
                  quantity: number;
                  unitPriceFen: number;
                  faceValueFen: number;
                  amountFen: number;
                  /** @enum {string} */
                  status: "created" | "paid" | "redeemed" | "refunding" | "refunded" | "closed";
                  statusText: string;
                  payBy: string;
                  paidAt: string | null;
                  validTo: string | null;
                  createdAt: string;
                  unused: number;
                })[];
              nextCursor: string | null;
            };
          };
        };
        /** @description Error */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/voucher-orders": {
    /** Every voucher order, newest first, by status and by order number, transaction number or title */
    get: {
      parameters: {
        query?: {
          cursor?: string;
          limit?: number;
          status?: "created" | "paid" | "redeemed" | "refunding" | "refunded" | "closed";
          q?: string;
        };
      };
      responses: {
        /** @description A page of orders */
        200: {
          content: {
            "application/json": {
              items: ({
                  id: number;
                  outTradeNo: string;
                  title: string;
                  merchantId: number;
                  offerId: number;
                  quantity: number;
                  unitPriceFen: number;
                  faceValueFen: number;
                  amountFen: number;
                  /** @enum {string} */
                  status: "created" | "paid" | "redeemed" | "refunding" | "refunded" | "closed";
                  statusText: string;
                  payBy: string;
                  paidAt: string | null;
                  validTo: string | null;
                  createdAt: string;
                  transactionId: string | null;
                  unused: number;
                  refund: ({
                    outRefundNo: string;
                    /** @enum {string} */
                    status: "pending" | "processing" | "success" | "closed" | "abnormal";
                    voucherCount: number;
                    amountFen: number;
                    reason: string;
                    succeededAt: string | null;
                  }) | null;
                })[];
              nextCursor: string | null;
            };
          };
        };
        /** @description Error */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/voucher-orders/{id}": {
    /** One of the caller’s orders with its vouchers and history; an order waiting for payment is first checked with WeChat Pay (the notice may not have come yet) */
    get: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description The order */
        200: {
          content: {
            "application/json": {
              id: number;
              outTradeNo: string;
              title: string;
              merchantId: number;
              offerId: number;
              quantity: number;
              unitPriceFen: number;
              faceValueFen: number;
              amountFen: number;
              /** @enum {string} */
              status: "created" | "paid" | "redeemed" | "refunding" | "refunded" | "closed";
              statusText: string;
              payBy: string;
              paidAt: string | null;
              validTo: string | null;
              createdAt: string;
              vouchers: ({
                  id: number;
                  seq: number;
                  /** @enum {string} */
                  status: "unused" | "redeemed" | "refunded";
                  redeemedAt: string | null;
                })[];
              payment: {
                appId: string;
                timeStamp: string;
                nonceStr: string;
                package: string;
                /** @constant */
                signType: "RSA";
                paySign: string;
                devPay: boolean;
              } | null;
              refund: ({
                outRefundNo: string;
                /** @enum {string} */
                status: "pending" | "processing" | "success" | "closed" | "abnormal";
                voucherCount: number;
                amountFen: number;
                reason: string;
                succeededAt: string | null;
              }) | null;
              history: ({
                  action: string;
                  from: string | null;
                  to: string;
                  at: string;
                  by: string;
                  reason: string | null;
                })[];
            };
          };
        };
        /** @description Error: NOT_FOUND */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/payments/wechat/notify": {
    /** WeChat Pay’s payment notice: signature (platform certificate or WeChat Pay public key), timestamp and GCM tag checked, then applied with the order locked; 204 only once it is committed (a repeat is 204 and changes nothing) */
    post: {
      responses: {
        /** @description Applied (or applied before) */
        204: {
          content: never;
        };
        /** @description Error: NOTICE_MALFORMED, NOTICE_SIGNATURE_INVALID, NOTICE_TIMESTAMP_OUT_OF_WINDOW, NOTICE_PROBE_SERIAL, NOTICE_UNKNOWN_SERIAL, NOTICE_DECRYPT_FAILED, PAYMENT_MISMATCH, NOT_FOUND, PAYMENT_UNAVAILABLE, PAYMENT_FAILED */
        default: {
          content: {
            "application/json": {
              code: string;
              message: string;
            };
          };
        };
      };
    };
  };
  "/api/v1/voucher-orders/{id}/refund": {
    /** Refund the order’s unused vouchers (void at once): the holder before they expire, district staff with a reason for any paid order; used vouchers are not refunded. One refund number per order, reused on every retry */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            reason?: string;
          };
        };
      };
      responses: {
        /** @description The refund as it stands */
        200: {
          content: {
            "application/json": {
              orderId: number;
              refund: {
                outRefundNo: string;
                /** @enum {string} */
                status: "pending" | "processing" | "success" | "closed" | "abnormal";
                voucherCount: number;
                amountFen: number;
                reason: string;
                succeededAt: string | null;
              };
            };
          };
        };
        /** @description Error: NOT_FOUND, VALIDATION_FAILED, INVALID_TRANSITION, VOUCHER_EXPIRED, NOTHING_TO_REFUND */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/voucher-orders/{id}/vouchers/{voucherId}/qr": {
    /** A QR token (valid 60 s) for one of the caller’s unused vouchers, shown at the shop’s counter */
    get: {
      parameters: {
        path: {
          id: number;
          voucherId: number;
        };
      };
      responses: {
        /** @description The token */
        200: {
          content: {
            "application/json": {
              token: string;
              expiresAt: string;
            };
          };
        };
        /** @description Error: NOT_FOUND, VOUCHER_USED, VOUCHER_NOT_USABLE */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/merchant/voucher-redemptions": {
    /** A clerk scans a voucher’s QR code: the voucher is used once (two scans at once take it once); only the shop that sold it may take it */
    post: {
      requestBody: {
        content: {
          "application/json": {
            token: string;
          };
        };
      };
      responses: {
        /** @description The voucher taken */
        200: {
          content: {
            "application/json": {
              voucherId: number;
              seq: number;
              orderId: number;
              title: string;
              faceValueFen: number;
              quantity: number;
              remaining: number;
              redeemedAt: string;
            };
          };
        };
        /** @description Error: FORBIDDEN, MERCHANT_INACTIVE, VOUCHER_QR_INVALID, VOUCHER_USED, VOUCHER_OTHER_SHOP, VOUCHER_NOT_USABLE */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/payments/wechat/refund-notify": {
    /** WeChat Pay’s refund notice, verified and applied like the payment notice; 204 once applied */
    post: {
      responses: {
        /** @description Applied (or applied before) */
        204: {
          content: never;
        };
        /** @description Error: NOTICE_MALFORMED, NOTICE_SIGNATURE_INVALID, NOTICE_TIMESTAMP_OUT_OF_WINDOW, NOTICE_PROBE_SERIAL, NOTICE_UNKNOWN_SERIAL, NOTICE_DECRYPT_FAILED, PAYMENT_MISMATCH, NOT_FOUND, PAYMENT_UNAVAILABLE, PAYMENT_FAILED */
        default: {
          content: {
            "application/json": {
              code: string;
              message: string;
            };
          };
        };
      };
    };
  };
  "/api/v1/voucher-orders/{id}/dev-pay": {
    /** Dev mode only: pays the caller’s order as WeChat Pay would, through the same code a verified notice takes; 404 in live mode */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description The order */
        200: {
          content: {
            "application/json": {
              id: number;
              outTradeNo: string;
              title: string;
              merchantId: number;
              offerId: number;
              quantity: number;
              unitPriceFen: number;
              faceValueFen: number;
              amountFen: number;
              /** @enum {string} */
              status: "created" | "paid" | "redeemed" | "refunding" | "refunded" | "closed";
              statusText: string;
              payBy: string;
              paidAt: string | null;
              validTo: string | null;
              createdAt: string;
              vouchers: ({
                  id: number;
                  seq: number;
                  /** @enum {string} */
                  status: "unused" | "redeemed" | "refunded";
                  redeemedAt: string | null;
                })[];
              payment: {
                appId: string;
                timeStamp: string;
                nonceStr: string;
                package: string;
                /** @constant */
                signType: "RSA";
                paySign: string;
                devPay: boolean;
              } | null;
              refund: ({
                outRefundNo: string;
                /** @enum {string} */
                status: "pending" | "processing" | "success" | "closed" | "abnormal";
                voucherCount: number;
                amountFen: number;
                reason: string;
                succeededAt: string | null;
              }) | null;
              history: ({
                  action: string;
                  from: string | null;
                  to: string;
                  at: string;
                  by: string;
                  reason: string | null;
                })[];
            };
          };
        };
        /** @description Error: NOT_FOUND, PAYMENT_MISMATCH */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/merchant/voucher-settlement": {
    /** The owner’s shop’s vouchers for a Beijing month (the current one by default): sold, used and refunded, in fen at the price paid, per offer and per day; payable is what the bureau owes the shop for the vouchers used */
    get: {
      parameters: {
        query?: {
          month?: string;
        };
      };
      responses: {
        /** @description The month */
        200: {
          content: {
            "application/json": {
              merchantId: number;
              merchantName: string;
              month: string;
              from: string;
              to: string;
              sold: {
                count: number;
                amountFen: number;
              };
              redeemed: {
                count: number;
                amountFen: number;
              };
              refunded: {
                count: number;
                amountFen: number;
              };
              unusedCount: number;
              payableFen: number;
              offers: {
                  offerId: number;
                  title: string;
                  soldCount: number;
                  soldFen: number;
                  redeemedCount: number;
                  redeemedFen: number;
                  refundedCount: number;
                  refundedFen: number;
                }[];
              days: {
                  day: string;
                  soldCount: number;
                  soldFen: number;
                  redeemedCount: number;
                  redeemedFen: number;
                  refundedCount: number;
                  refundedFen: number;
                }[];
            };
          };
        };
        /** @description Error: VALIDATION_FAILED, FORBIDDEN */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/voucher-settlements": {
    /** Every merchant’s vouchers for a Beijing month (merchants with anything sold, used or refunded, or vouchers unused at its end), with totals */
    get: {
      parameters: {
        query?: {
          month?: string;
        };
      };
      responses: {
        /** @description The month per merchant */
        200: {
          content: {
            "application/json": {
              month: string;
              from: string;
              to: string;
              rows: {
                  merchantId: number;
                  merchantName: string;
                  sold: {
                    count: number;
                    amountFen: number;
                  };
                  redeemed: {
                    count: number;
                    amountFen: number;
                  };
                  refunded: {
                    count: number;
                    amountFen: number;
                  };
                  unusedCount: number;
                  payableFen: number;
                }[];
              totals: {
                sold: {
                  count: number;
                  amountFen: number;
                };
                redeemed: {
                  count: number;
                  amountFen: number;
                };
                refunded: {
                  count: number;
                  amountFen: number;
                };
                unusedCount: number;
                payableFen: number;
              };
            };
          };
        };
        /** @description Error: VALIDATION_FAILED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/voucher-settlements/export": {
    /** The month’s list as CSV (UTF-8 with BOM, amounts in 元) or an Excel workbook, with a totals row; audit-logged */
    get: {
      parameters: {
        query?: {
          month?: string;
          format?: "csv" | "xlsx";
        };
      };
      responses: {
        /** @description CSV, or an Excel workbook with format=xlsx */
        200: {
          content: {
            "text/csv": string;
          };
        };
        /** @description Error: VALIDATION_FAILED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/voucher-settlements/{merchantId}": {
    /** One merchant’s vouchers for a Beijing month, per offer and per day */
    get: {
      parameters: {
        query?: {
          month?: string;
        };
        path: {
          merchantId: number;
        };
      };
      responses: {
        /** @description The month */
        200: {
          content: {
            "application/json": {
              merchantId: number;
              merchantName: string;
              month: string;
              from: string;
              to: string;
              sold: {
                count: number;
                amountFen: number;
              };
              redeemed: {
                count: number;
                amountFen: number;
              };
              refunded: {
                count: number;
                amountFen: number;
              };
              unusedCount: number;
              payableFen: number;
              offers: {
                  offerId: number;
                  title: string;
                  soldCount: number;
                  soldFen: number;
                  redeemedCount: number;
                  redeemedFen: number;
                  refundedCount: number;
                  refundedFen: number;
                }[];
              days: {
                  day: string;
                  soldCount: number;
                  soldFen: number;
                  redeemedCount: number;
                  redeemedFen: number;
                  refundedCount: number;
                  refundedFen: number;
                }[];
            };
          };
        };
        /** @description Error: VALIDATION_FAILED, NOT_FOUND */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/payment-reconciliations": {
    /** Reconciled days of the WeChat Pay trade bill, newest first (60 a page unless limit says otherwise) */
    get: {
      parameters: {
        query?: {
          cursor?: string;
          limit?: number;
        };
      };
      responses: {
        /** @description A page of days */
        200: {
          content: {
            "application/json": {
              items: ({
                  billDate: string;
                  /** @enum {string} */
                  status: "clean" | "differences" | "no_bill" | "failed";
                  theirRows: number;
                  theirPaidFen: number;
                  theirRefundFen: number;
                  ourRows: number;
                  ourPaidFen: number;
                  ourRefundFen: number;
                  itemCount: number;
                  error: string | null;
                  attempts: number;
                  runBy: number | null;
                  reconciledAt: string | null;
                  updatedAt: string;
                })[];
              nextCursor: string | null;
            };
          };
        };
        /** @description Error: VALIDATION_FAILED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/payment-reconciliations/{date}": {
    /** One reconciled day (YYYY-MM-DD, Asia/Shanghai) with its differences, each with our order’s id where known */
    get: {
      parameters: {
        path: {
          date: string;
        };
      };
      responses: {
        /** @description The day */
        200: {
          content: {
            "application/json": {
              billDate: string;
              /** @enum {string} */
              status: "clean" | "differences" | "no_bill" | "failed";
              theirRows: number;
              theirPaidFen: number;
              theirRefundFen: number;
              ourRows: number;
              ourPaidFen: number;
              ourRefundFen: number;
              itemCount: number;
              error: string | null;
              attempts: number;
              runBy: number | null;
              reconciledAt: string | null;
              updatedAt: string;
              items: ({
                  id: number;
                  /** @enum {string} */
                  kind: "paid_there_only" | "paid_here_only" | "amount_mismatch" | "refunded_there_only" | "refunded_here_only" | "refund_amount_mismatch";
                  outTradeNo: string;
                  transactionId: string | null;
                  theirFen: number | null;
                  ourFen: number | null;
                  orderId: number | null;
                  outRefundNo: string | null;
                  note: string;
                })[];
            };
          };
        };
        /** @description Error: NOT_FOUND, VALIDATION_FAILED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/payment-reconciliations/{date}/run": {
    /** Reconcile a past day now (the bill is fetched again and the day’s report replaced; audit-logged). A bill that cannot be had leaves the day failed, with the reason */
    post: {
      parameters: {
        path: {
          date: string;
        };
      };
      responses: {
        /** @description The day as reconciled now */
        200: {
          content: {
            "application/json": {
              billDate: string;
              /** @enum {string} */
              status: "clean" | "differences" | "no_bill" | "failed";
              theirRows: number;
              theirPaidFen: number;
              theirRefundFen: number;
              ourRows: number;
              ourPaidFen: number;
              ourRefundFen: number;
              itemCount: number;
              error: string | null;
              attempts: number;
              runBy: number | null;
              reconciledAt: string | null;
              updatedAt: string;
              items: ({
                  id: number;
                  /** @enum {string} */
                  kind: "paid_there_only" | "paid_here_only" | "amount_mismatch" | "refunded_there_only" | "refunded_here_only" | "refund_amount_mismatch";
                  outTradeNo: string;
                  transactionId: string | null;
                  theirFen: number | null;
                  ourFen: number | null;
                  orderId: number | null;
                  outRefundNo: string | null;
                  note: string;
                })[];
            };
          };
        };
        /** @description Error: VALIDATION_FAILED, RECONCILIATION_DAY_NOT_OVER */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/proxies/invitations": {
    /** Invite a family member to act for the caller on some services: a one-time code, valid 24 hours */
    post: {
      requestBody: {
        content: {
          "application/json": {
            /** @enum {string} */
            relation: "配偶" | "子女" | "父母" | "兄弟姐妹" | "其他亲属";
            services: ("card" | "appeals" | "legal_aid")[];
          };
        };
      };
      responses: {
        /** @description The waiting link and its code (shown this once) */
        201: {
          content: {
            "application/json": {
              link: {
                id: number;
                holderAccountId: number;
                /** @enum {string} */
                relation: "配偶" | "子女" | "父母" | "兄弟姐妹" | "其他亲属";
                services: ("card" | "appeals" | "legal_aid")[];
                servicesText: string;
                /** @enum {string} */
                status: "invited" | "active" | "revoked" | "expired";
                statusText: string;
                /** @enum {string} */
                linkedBy: "holder" | "staff";
                name: string | null;
                phoneMasked: string | null;
                createdAt: string;
                activatedAt: string | null;
                endedAt: string | null;
                expiresAt: string | null;
                mayRevoke: boolean;
              };
              code: string;
              expiresAt: string;
            };
          };
        };
        /** @description Error: VALIDATION_FAILED, IDENTITY_REQUIRED, PROXY_LIMIT_REACHED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/proxies/accept": {
    /** Redeem a family member’s invitation code: the caller may act for them from now on */
    post: {
      requestBody: {
        content: {
          "application/json": {
            code: string;
          };
        };
      };
      responses: {
        /** @description The link, active */
        200: {
          content: {
            "application/json": {
              id: number;
              holderAccountId: number;
              /** @enum {string} */
              relation: "配偶" | "子女" | "父母" | "兄弟姐妹" | "其他亲属";
              services: ("card" | "appeals" | "legal_aid")[];
              servicesText: string;
              /** @enum {string} */
              status: "invited" | "active" | "revoked" | "expired";
              statusText: string;
              /** @enum {string} */
              linkedBy: "holder" | "staff";
              name: string | null;
              phoneMasked: string | null;
              createdAt: string;
              activatedAt: string | null;
              endedAt: string | null;
              expiresAt: string | null;
              mayRevoke: boolean;
            };
          };
        };
        /** @description Error: VALIDATION_FAILED, IDENTITY_REQUIRED, PROXY_CODE_INVALID, PROXY_CODE_EXPIRED, PROXY_CODE_USED, PROXY_SELF, PROXY_EXISTS, PROXY_LIMIT_REACHED, RATE_LIMITED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/proxies/mine": {
    /** Who acts for the caller, and whom the caller acts for (names masked), newest first */
    get: {
      responses: {
        /** @description Both lists */
        200: {
          content: {
            "application/json": {
              asHolder: ({
                  id: number;
                  holderAccountId: number;
                  /** @enum {string} */
                  relation: "配偶" | "子女" | "父母" | "兄弟姐妹" | "其他亲属";
                  services: ("card" | "appeals" | "legal_aid")[];
                  servicesText: string;
                  /** @enum {string} */
                  status: "invited" | "active" | "revoked" | "expired";
                  statusText: string;
                  /** @enum {string} */
                  linkedBy: "holder" | "staff";
                  name: string | null;
                  phoneMasked: string | null;
                  createdAt: string;
                  activatedAt: string | null;
                  endedAt: string | null;
                  expiresAt: string | null;
                  mayRevoke: boolean;
                })[];
              asProxy: ({
                  id: number;
                  holderAccountId: number;
                  /** @enum {string} */
                  relation: "配偶" | "子女" | "父母" | "兄弟姐妹" | "其他亲属";
                  services: ("card" | "appeals" | "legal_aid")[];
                  servicesText: string;
                  /** @enum {string} */
                  status: "invited" | "active" | "revoked" | "expired";
                  statusText: string;
                  /** @enum {string} */
                  linkedBy: "holder" | "staff";
                  name: string | null;
                  phoneMasked: string | null;
                  createdAt: string;
                  activatedAt: string | null;
                  endedAt: string | null;
                  expiresAt: string | null;
                  mayRevoke: boolean;
                })[];
            };
          };
        };
        /** @description Error */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/proxies/{id}/revoke": {
    /** End a link (or an invitation not yet redeemed), by either side: it stops at once */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description The link, revoked */
        200: {
          content: {
            "application/json": {
              id: number;
              holderAccountId: number;
              /** @enum {string} */
              relation: "配偶" | "子女" | "父母" | "兄弟姐妹" | "其他亲属";
              services: ("card" | "appeals" | "legal_aid")[];
              servicesText: string;
              /** @enum {string} */
              status: "invited" | "active" | "revoked" | "expired";
              statusText: string;
              /** @enum {string} */
              linkedBy: "holder" | "staff";
              name: string | null;
              phoneMasked: string | null;
              createdAt: string;
              activatedAt: string | null;
              endedAt: string | null;
              expiresAt: string | null;
              mayRevoke: boolean;
            };
          };
        };
        /** @description Error: NOT_FOUND, INVALID_TRANSITION */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/proxies/{id}/actions": {
    /** What the family member did through a link, newest first, whatever the outcome */
    get: {
      parameters: {
        query?: {
          cursor?: string;
          limit?: number;
        };
        path: {
          id: number;
        };
      };
      responses: {
        /** @description A page of requests */
        200: {
          content: {
            "application/json": {
              items: {
                  id: number;
                  what: string;
                  method: string;
                  route: string;
                  status: number;
                  ok: boolean;
                  at: string;
                }[];
              nextCursor: string | null;
            };
          };
        };
        /** @description Error: NOT_FOUND, VALIDATION_FAILED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/proxies": {
    /** A person’s family-member links, for staff of their station or district (the read is audited) */
    get: {
      parameters: {
        query: {
          holderPersonId: number;
        };
      };
      responses: {
        /** @description The links, newest first */
        200: {
          content: {
            "application/json": {
              items: ({
                  id: number;
                  holderAccountId: number;
                  /** @enum {string} */
                  relation: "配偶" | "子女" | "父母" | "兄弟姐妹" | "其他亲属";
                  services: ("card" | "appeals" | "legal_aid")[];
                  servicesText: string;
                  /** @enum {string} */
                  status: "invited" | "active" | "revoked" | "expired";
                  statusText: string;
                  /** @enum {string} */
                  linkedBy: "holder" | "staff";
                  name: string | null;
                  phoneMasked: string | null;
                  createdAt: string;
                  activatedAt: string | null;
                  endedAt: string | null;
                  expiresAt: string | null;
                  mayRevoke: boolean;
                })[];
            };
          };
        };
        /** @description Error: VALIDATION_FAILED, NOT_FOUND */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
    /** Link a family member at the desk (the relation checked on paper), found by their ID number; active at once */
    post: {
      requestBody: {
        content: {
          "application/json": {
            holderPersonId: number;
            proxyIdNumber: string;
            /** @enum {string} */
            relation: "配偶" | "子女" | "父母" | "兄弟姐妹" | "其他亲属";
            services: ("card" | "appeals" | "legal_aid")[];
          };
        };
      };
      responses: {
        /** @description The link */
        201: {
          content: {
            "application/json": {
              id: number;
              holderAccountId: number;
              /** @enum {string} */
              relation: "配偶" | "子女" | "父母" | "兄弟姐妹" | "其他亲属";
              services: ("card" | "appeals" | "legal_aid")[];
              servicesText: string;
              /** @enum {string} */
              status: "invited" | "active" | "revoked" | "expired";
              statusText: string;
              /** @enum {string} */
              linkedBy: "holder" | "staff";
              name: string | null;
              phoneMasked: string | null;
              createdAt: string;
              activatedAt: string | null;
              endedAt: string | null;
              expiresAt: string | null;
              mayRevoke: boolean;
            };
          };
        };
        /** @description Error: VALIDATION_FAILED, NOT_FOUND, ID_NUMBER_INVALID, PROXY_ACCOUNT_MISSING, PROXY_SELF, PROXY_EXISTS, PROXY_LIMIT_REACHED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/proxies/{id}/revoke": {
    /** End a family-member link at the desk, for staff of the holder’s station or district */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description The link, revoked */
        200: {
          content: {
            "application/json": {
              id: number;
              holderAccountId: number;
              /** @enum {string} */
              relation: "配偶" | "子女" | "父母" | "兄弟姐妹" | "其他亲属";
              services: ("card" | "appeals" | "legal_aid")[];
              servicesText: string;
              /** @enum {string} */
              status: "invited" | "active" | "revoked" | "expired";
              statusText: string;
              /** @enum {string} */
              linkedBy: "holder" | "staff";
              name: string | null;
              phoneMasked: string | null;
              createdAt: string;
              activatedAt: string | null;
              endedAt: string | null;
              expiresAt: string | null;
              mayRevoke: boolean;
            };
          };
        };
        /** @description Error: NOT_FOUND, INVALID_TRANSITION */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/appeals/categories": {
    /** The categories of appeals (诉求) and errands (代办) a holder chooses from */
    get: {
      responses: {
        /** @description Categories by kind */
        200: {
          content: {
            "application/json": {
              appeal: string[];
              errand: string[];
            };
          };
        };
        /** @description Error: PROXY_NOT_ALLOWED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/appeals": {
    /** File an appeal or ask for an errand; it goes to the station of the holder’s card application, else the one chosen */
    post: {
      requestBody: {
        content: {
          "application/json": {
            /** @enum {string} */
            kind: "appeal" | "errand";
            category: string;
            text: string;
            fileIds?: number[];
            /** @enum {string} */
            contactTime?: "any" | "morning" | "afternoon" | "evening";
            stationId?: number;
          };
        };
      };
      responses: {
        /** @description The appeal */
        201: {
          content: {
            "application/json": {
              id: number;
              /** @enum {string} */
              kind: "appeal" | "errand";
              category: string;
              /** @enum {string} */
              status: "submitted" | "accepted" | "in_progress" | "resolved" | "confirmed" | "rejected";
              statusText: string;
              text: string;
              /** @enum {string|null} */
              contactTime: "any" | "morning" | "afternoon" | "evening" | null;
              stationId: number;
              stationName: string | null;
              promisedDate: string | null;
              overdue: boolean;
              reopenedCount: number;
              rating: number | null;
              createdAt: string;
              updatedAt: string;
              outcome: string | null;
              rejectReason: string | null;
              ratingComment: string | null;
              acceptedAt: string | null;
              resolvedAt: string | null;
              fileIds: number[];
              history: ({
                  action: string;
                  from: string | null;
                  to: string;
                  at: string;
                  by: string;
                  reason: string | null;
                })[];
              allowedActions: string[];
            };
          };
        };
        /** @description Error: VALIDATION_FAILED, IDENTITY_REQUIRED, LIMIT_REACHED, FILE_NOT_ATTACHABLE, PROXY_NOT_ALLOWED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/appeals/mine": {
    /** The caller’s appeals and errands, newest first */
    get: {
      parameters: {
        query?: {
          cursor?: string;
          limit?: number;
        };
      };
      responses: {
        /** @description A page of appeals */
        200: {
          content: {
            "application/json": {
              items: ({
                  id: number;
                  /** @enum {string} */
                  kind: "appeal" | "errand";
                  category: string;
                  /** @enum {string} */
                  status: "submitted" | "accepted" | "in_progress" | "resolved" | "confirmed" | "rejected";
                  statusText: string;
                  text: string;
                  /** @enum {string|null} */
                  contactTime: "any" | "morning" | "afternoon" | "evening" | null;
                  stationId: number;
                  stationName: string | null;
                  promisedDate: string | null;
                  overdue: boolean;
                  reopenedCount: number;
                  rating: number | null;
                  createdAt: string;
                  updatedAt: string;
                })[];
              nextCursor: string | null;
            };
          };
        };
        /** @description Error: VALIDATION_FAILED, PROXY_NOT_ALLOWED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/appeals/{id}": {
    /** One of the caller’s appeals with its history and what they may do next */
    get: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description The appeal with its history and the caller’s actions */
        200: {
          content: {
            "application/json": {
              id: number;
              /** @enum {string} */
              kind: "appeal" | "errand";
              category: string;
              /** @enum {string} */
              status: "submitted" | "accepted" | "in_progress" | "resolved" | "confirmed" | "rejected";
              statusText: string;
              text: string;
              /** @enum {string|null} */
              contactTime: "any" | "morning" | "afternoon" | "evening" | null;
              stationId: number;
              stationName: string | null;
              promisedDate: string | null;
              overdue: boolean;
              reopenedCount: number;
              rating: number | null;
              createdAt: string;
              updatedAt: string;
              outcome: string | null;
              rejectReason: string | null;
              ratingComment: string | null;
              acceptedAt: string | null;
              resolvedAt: string | null;
              fileIds: number[];
              history: ({
                  action: string;
                  from: string | null;
                  to: string;
                  at: string;
                  by: string;
                  reason: string | null;
                })[];
              allowedActions: string[];
            };
          };
        };
        /** @description Error: NOT_FOUND, PROXY_NOT_ALLOWED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/appeals/{id}/confirm": {
    /** Accept the outcome of a resolved appeal */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description The appeal with its history and the caller’s actions */
        200: {
          content: {
            "application/json": {
              id: number;
              /** @enum {string} */
              kind: "appeal" | "errand";
              category: string;
              /** @enum {string} */
              status: "submitted" | "accepted" | "in_progress" | "resolved" | "confirmed" | "rejected";
              statusText: string;
              text: string;
              /** @enum {string|null} */
              contactTime: "any" | "morning" | "afternoon" | "evening" | null;
              stationId: number;
              stationName: string | null;
              promisedDate: string | null;
              overdue: boolean;
              reopenedCount: number;
              rating: number | null;
              createdAt: string;
              updatedAt: string;
              outcome: string | null;
              rejectReason: string | null;
              ratingComment: string | null;
              acceptedAt: string | null;
              resolvedAt: string | null;
              fileIds: number[];
              history: ({
                  action: string;
                  from: string | null;
                  to: string;
                  at: string;
                  by: string;
                  reason: string | null;
                })[];
              allowedActions: string[];
            };
          };
        };
        /** @description Error: NOT_FOUND, INVALID_TRANSITION, PROXY_NOT_ALLOWED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/appeals/{id}/reopen": {
    /** Send a resolved appeal back to its handler (once, and not after rating it) */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            reason: string;
          };
        };
      };
      responses: {
        /** @description The appeal with its history and the caller’s actions */
        200: {
          content: {
            "application/json": {
              id: number;
              /** @enum {string} */
              kind: "appeal" | "errand";
              category: string;
              /** @enum {string} */
              status: "submitted" | "accepted" | "in_progress" | "resolved" | "confirmed" | "rejected";
              statusText: string;
              text: string;
              /** @enum {string|null} */
              contactTime: "any" | "morning" | "afternoon" | "evening" | null;
              stationId: number;
              stationName: string | null;
              promisedDate: string | null;
              overdue: boolean;
              reopenedCount: number;
              rating: number | null;
              createdAt: string;
              updatedAt: string;
              outcome: string | null;
              rejectReason: string | null;
              ratingComment: string | null;
              acceptedAt: string | null;
              resolvedAt: string | null;
              fileIds: number[];
              history: ({
                  action: string;
                  from: string | null;
                  to: string;
                  at: string;
                  by: string;
                  reason: string | null;
                })[];
              allowedActions: string[];
            };
          };
        };
        /** @description Error: NOT_FOUND, VALIDATION_FAILED, INVALID_TRANSITION, REOPEN_USED, PROXY_NOT_ALLOWED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/appeals/{id}/rate": {
    /** Rate the handling (1–5, with an optional comment) once it is resolved; once */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            rating: number;
            comment?: string;
          };
        };
      };
      responses: {
        /** @description The appeal with its history and the caller’s actions */
        200: {
          content: {
            "application/json": {
              id: number;
              /** @enum {string} */
              kind: "appeal" | "errand";
              category: string;
              /** @enum {string} */
              status: "submitted" | "accepted" | "in_progress" | "resolved" | "confirmed" | "rejected";
              statusText: string;
              text: string;
              /** @enum {string|null} */
              contactTime: "any" | "morning" | "afternoon" | "evening" | null;
              stationId: number;
              stationName: string | null;
              promisedDate: string | null;
              overdue: boolean;
              reopenedCount: number;
              rating: number | null;
              createdAt: string;
              updatedAt: string;
              outcome: string | null;
              rejectReason: string | null;
              ratingComment: string | null;
              acceptedAt: string | null;
              resolvedAt: string | null;
              fileIds: number[];
              history: ({
                  action: string;
                  from: string | null;
                  to: string;
                  at: string;
                  by: string;
                  reason: string | null;
                })[];
              allowedActions: string[];
            };
          };
        };
        /** @description Error: NOT_FOUND, VALIDATION_FAILED, INVALID_TRANSITION, ALREADY_RATED, PROXY_NOT_ALLOWED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/appeals": {
    /** The appeals queue: station staff their station’s, district staff and admins every station’s, a 代办员 their own */
    get: {
      parameters: {
        query?: {
          cursor?: string;
          limit?: number;
          status?: "submitted" | "accepted" | "in_progress" | "resolved" | "confirmed" | "rejected";
          kind?: "appeal" | "errand";
          category?: string;
          overdue?: "true" | "false";
          handlerAccountId?: number;
          stationId?: number;
        };
      };
      responses: {
        /** @description A page of appeals */
        200: {
          content: {
            "application/json": {
              items: ({
                  id: number;
                  /** @enum {string} */
                  kind: "appeal" | "errand";
                  category: string;
                  /** @enum {string} */
                  status: "submitted" | "accepted" | "in_progress" | "resolved" | "confirmed" | "rejected";
                  statusText: string;
                  text: string;
                  /** @enum {string|null} */
                  contactTime: "any" | "morning" | "afternoon" | "evening" | null;
                  stationId: number;
                  stationName: string | null;
                  promisedDate: string | null;
                  overdue: boolean;
                  reopenedCount: number;
                  rating: number | null;
                  createdAt: string;
                  updatedAt: string;
                  handlerAccountId: number | null;
                  handlerName: string | null;
                })[];
              nextCursor: string | null;
            };
          };
        };
        /** @description Error: VALIDATION_FAILED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/appeals/figures": {
    /** Accepted, resolved, on time and 满意率 over a span of days, per station and in total */
    get: {
      parameters: {
        query: {
          from: string;
          to: string;
        };
      };
      responses: {
        /** @description Figures */
        200: {
          content: {
            "application/json": {
              from: string;
              to: string;
              stations: ({
                  accepted: number;
                  resolved: number;
                  onTime: number;
                  onTimeRate: number | null;
                  rated: number;
                  satisfied: number;
                  satisfactionRate: number | null;
                  stationId: number;
                  stationName: string | null;
                })[];
              total: {
                accepted: number;
                resolved: number;
                onTime: number;
                onTimeRate: number | null;
                rated: number;
                satisfied: number;
                satisfactionRate: number | null;
              };
            };
          };
        };
        /** @description Error: VALIDATION_FAILED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/appeals/handlers": {
    /** Who may be named to handle a station’s appeals: its staff and its 代办员 (errand runners) */
    get: {
      parameters: {
        query?: {
          stationId?: number;
        };
      };
      responses: {
        /** @description Candidates by name */
        200: {
          content: {
            "application/json": {
              items: {
                  accountId: number;
                  displayName: string;
                  roles: string[];
                }[];
            };
          };
        };
        /** @description Error: VALIDATION_FAILED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/appeals/{id}": {
    /** One appeal as staff handle it, with its history, attachments and the next steps */
    get: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description The appeal with its history, who filed and handles it, and the next steps */
        200: {
          content: {
            "application/json": {
              id: number;
              /** @enum {string} */
              kind: "appeal" | "errand";
              category: string;
              /** @enum {string} */
              status: "submitted" | "accepted" | "in_progress" | "resolved" | "confirmed" | "rejected";
              statusText: string;
              text: string;
              /** @enum {string|null} */
              contactTime: "any" | "morning" | "afternoon" | "evening" | null;
              stationId: number;
              stationName: string | null;
              promisedDate: string | null;
              overdue: boolean;
              reopenedCount: number;
              rating: number | null;
              createdAt: string;
              updatedAt: string;
              outcome: string | null;
              rejectReason: string | null;
              ratingComment: string | null;
              acceptedAt: string | null;
              resolvedAt: string | null;
              fileIds: number[];
              history: ({
                  action: string;
                  from: string | null;
                  to: string;
                  at: string;
                  by: string;
                  reason: string | null;
                })[];
              allowedActions: string[];
              handlerAccountId: number | null;
              handlerName: string | null;
              holder: {
                nameMasked: string;
                category: string;
                phoneLast4: string;
              } | null;
            };
          };
        };
        /** @description Error: NOT_FOUND */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/appeals/{id}/accept": {
    /** Accept (受理) an appeal with a handler and the day it is promised by */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            /** Format: date */
            promisedDate: string;
            handlerAccountId?: number;
          };
        };
      };
      responses: {
        /** @description The appeal with its history, who filed and handles it, and the next steps */
        200: {
          content: {
            "application/json": {
              id: number;
              /** @enum {string} */
              kind: "appeal" | "errand";
              category: string;
              /** @enum {string} */
              status: "submitted" | "accepted" | "in_progress" | "resolved" | "confirmed" | "rejected";
              statusText: string;
              text: string;
              /** @enum {string|null} */
              contactTime: "any" | "morning" | "afternoon" | "evening" | null;
              stationId: number;
              stationName: string | null;
              promisedDate: string | null;
              overdue: boolean;
              reopenedCount: number;
              rating: number | null;
              createdAt: string;
              updatedAt: string;
              outcome: string | null;
              rejectReason: string | null;
              ratingComment: string | null;
              acceptedAt: string | null;
              resolvedAt: string | null;
              fileIds: number[];
              history: ({
                  action: string;
                  from: string | null;
                  to: string;
                  at: string;
                  by: string;
                  reason: string | null;
                })[];
              allowedActions: string[];
              handlerAccountId: number | null;
              handlerName: string | null;
              holder: {
                nameMasked: string;
                category: string;
                phoneLast4: string;
              } | null;
            };
          };
        };
        /** @description Error: NOT_FOUND, VALIDATION_FAILED, INVALID_TRANSITION */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/appeals/{id}/start": {
    /** Start work on an accepted appeal */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description The appeal with its history, who filed and handles it, and the next steps */
        200: {
          content: {
            "application/json": {
              id: number;
              /** @enum {string} */
              kind: "appeal" | "errand";
              category: string;
              /** @enum {string} */
              status: "submitted" | "accepted" | "in_progress" | "resolved" | "confirmed" | "rejected";
              statusText: string;
              text: string;
              /** @enum {string|null} */
              contactTime: "any" | "morning" | "afternoon" | "evening" | null;
              stationId: number;
              stationName: string | null;
              promisedDate: string | null;
              overdue: boolean;
              reopenedCount: number;
              rating: number | null;
              createdAt: string;
              updatedAt: string;
              outcome: string | null;
              rejectReason: string | null;
              ratingComment: string | null;
              acceptedAt: string | null;
              resolvedAt: string | null;
              fileIds: number[];
              history: ({
                  action: string;
                  from: string | null;
                  to: string;
                  at: string;
                  by: string;
                  reason: string | null;
                })[];
              allowedActions: string[];
              handlerAccountId: number | null;
              handlerName: string | null;
              holder: {
                nameMasked: string;
                category: string;
                phoneLast4: string;
              } | null;
            };
          };
        };
        /** @description Error: NOT_FOUND, INVALID_TRANSITION */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/appeals/{id}/resolve": {
    /** Resolve (办结) an appeal in progress with its outcome */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            outcome: string;
          };
        };
      };
      responses: {
        /** @description The appeal with its history, who filed and handles it, and the next steps */
        200: {
          content: {
            "application/json": {
              id: number;
              /** @enum {string} */
              kind: "appeal" | "errand";
              category: string;
              /** @enum {string} */
              status: "submitted" | "accepted" | "in_progress" | "resolved" | "confirmed" | "rejected";
              statusText: string;
              text: string;
              /** @enum {string|null} */
              contactTime: "any" | "morning" | "afternoon" | "evening" | null;
              stationId: number;
              stationName: string | null;
              promisedDate: string | null;
              overdue: boolean;
              reopenedCount: number;
              rating: number | null;
              createdAt: string;
              updatedAt: string;
              outcome: string | null;
              rejectReason: string | null;
              ratingComment: string | null;
              acceptedAt: string | null;
              resolvedAt: string | null;
              fileIds: number[];
              history: ({
                  action: string;
                  from: string | null;
                  to: string;
                  at: string;
                  by: string;
                  reason: string | null;
                })[];
              allowedActions: string[];
              handlerAccountId: number | null;
              handlerName: string | null;
              holder: {
                nameMasked: string;
                category: string;
                phoneLast4: string;
              } | null;
            };
          };
        };
        /** @description Error: NOT_FOUND, VALIDATION_FAILED, INVALID_TRANSITION */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/appeals/{id}/reject": {
    /** Refuse an appeal not yet under way, with the reason the holder reads */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            reason: string;
          };
        };
      };
      responses: {
        /** @description The appeal with its history, who filed and handles it, and the next steps */
        200: {
          content: {
            "application/json": {
              id: number;
              /** @enum {string} */
              kind: "appeal" | "errand";
              category: string;
              /** @enum {string} */
              status: "submitted" | "accepted" | "in_progress" | "resolved" | "confirmed" | "rejected";
              statusText: string;
              text: string;
              /** @enum {string|null} */
              contactTime: "any" | "morning" | "afternoon" | "evening" | null;
              stationId: number;
              stationName: string | null;
              promisedDate: string | null;
              overdue: boolean;
              reopenedCount: number;
              rating: number | null;
              createdAt: string;
              updatedAt: string;
              outcome: string | null;
              rejectReason: string | null;
              ratingComment: string | null;
              acceptedAt: string | null;
              resolvedAt: string | null;
              fileIds: number[];
              history: ({
                  action: string;
                  from: string | null;
                  to: string;
                  at: string;
                  by: string;
                  reason: string | null;
                })[];
              allowedActions: string[];
              handlerAccountId: number | null;
              handlerName: string | null;
              holder: {
                nameMasked: string;
                category: string;
                phoneLast4: string;
              } | null;
            };
          };
        };
        /** @description Error: NOT_FOUND, VALIDATION_FAILED, INVALID_TRANSITION */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/employment/categories": {
    /** The categories of job postings */
    get: {
      responses: {
        /** @description Categories */
        200: {
          content: {
            "application/json": {
              items: string[];
            };
          };
        };
        /** @description Error */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/employment/postings": {
    /** Open postings of approved employers, newest first, by category, district, salary and keyword */
    get: {
      parameters: {
        query?: {
          cursor?: string;
          limit?: number;
          category?: "安保服务" | "驾驶运输" | "物业后勤" | "技术技工" | "行政文员" | "销售客服" | "教育培训" | "其他";
          district?: string;
          salaryAtLeast?: number;
          q?: string;
        };
      };
      responses: {
        /** @description A page of postings */
        200: {
          content: {
            "application/json": {
              items: ({
                  id: number;
                  employerId: number;
                  employerName: string;
                  title: string;
                  category: string;
                  salaryMin: number;
                  salaryMax: number;
                  district: string;
                  address: string;
                  headcount: number;
                  veteranPreferred: boolean;
                  veteranPreferenceText: string | null;
                  validUntil: string;
                  /** @enum {string} */
                  status: "published" | "closed" | "taken_down";
                  statusText: string;
                  createdAt: string;
                })[];
              nextCursor: string | null;
            };
          };
        };
        /** @description Error: VALIDATION_FAILED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/employment/postings/{id}": {
    /** One posting, with whether the caller saved it and applied to it */
    get: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description The posting */
        200: {
          content: {
            "application/json": {
              id: number;
              employerId: number;
              employerName: string;
              title: string;
              category: string;
              salaryMin: number;
              salaryMax: number;
              district: string;
              address: string;
              headcount: number;
              veteranPreferred: boolean;
              veteranPreferenceText: string | null;
              validUntil: string;
              /** @enum {string} */
              status: "published" | "closed" | "taken_down";
              statusText: string;
              createdAt: string;
              requirements: string;
              takedownReason: string | null;
              saved: boolean;
              applied: boolean;
              history: ({
                  action: string;
                  from: string | null;
                  to: string;
                  at: string;
                  by: string;
                  reason: string | null;
                })[];
            };
          };
        };
        /** @description Error: NOT_FOUND */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/employment/postings/{id}/save": {
    /** Save a posting (收藏); saving it again changes nothing */
    put: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description Saved */
        204: {
          content: never;
        };
        /** @description Error: NOT_FOUND */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
    /** Remove a saved posting; removing it again changes nothing */
    delete: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description Removed */
        204: {
          content: never;
        };
        /** @description Error */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/employment/saved-postings": {
    /** The caller’s saved postings, latest saved first */
    get: {
      responses: {
        /** @description Saved postings */
        200: {
          content: {
            "application/json": {
              items: ({
                  id: number;
                  employerId: number;
                  employerName: string;
                  title: string;
                  category: string;
                  salaryMin: number;
                  salaryMax: number;
                  district: string;
                  address: string;
                  headcount: number;
                  veteranPreferred: boolean;
                  veteranPreferenceText: string | null;
                  validUntil: string;
                  /** @enum {string} */
                  status: "published" | "closed" | "taken_down";
                  statusText: string;
                  createdAt: string;
                })[];
            };
          };
        };
        /** @description Error */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/employment/postings/{id}/applications": {
    /** Apply to a posting with the caller’s profile (a snapshot is sent); once per posting, 10 a day */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description The application */
        201: {
          content: {
            "application/json": {
              id: number;
              postingId: number;
              postingTitle: string;
              employerId: number;
              employerName: string;
              /** @enum {string} */
              status: "submitted" | "viewed" | "interview" | "hired" | "declined" | "withdrawn";
              statusText: string;
              interviewNote: string | null;
              declineReason: string | null;
              createdAt: string;
              updatedAt: string;
              allowedActions: string[];
              profile: {
                name: string;
                phone: string | null;
                skills: string;
                serviceBackground: string;
                desiredWork: string;
              };
              history: ({
                  action: string;
                  from: string | null;
                  to: string;
                  at: string;
                  by: string;
                  reason: string | null;
                })[];
            };
          };
        };
        /** @description Error: NOT_FOUND, IDENTITY_REQUIRED, PROFILE_REQUIRED, POSTING_CLOSED, ALREADY_APPLIED, LIMIT_REACHED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/employment/profile": {
    /** The caller’s job-seeking profile (null before they write one) */
    get: {
      responses: {
        /** @description The profile */
        200: {
          content: {
            "application/json": {
              profile: {
                name: string;
                phone: string;
                skills: string;
                serviceBackground: string;
                desiredWork: string;
                updatedAt: string;
              } | null;
            };
          };
        };
        /** @description Error */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
    /** Write the caller’s job-seeking profile; applications already sent keep what they sent */
    put: {
      requestBody: {
        content: {
          "application/json": {
            name: string;
            phone: string;
            skills: string;
            serviceBackground: string;
            desiredWork: string;
          };
        };
      };
      responses: {
        /** @description The profile */
        200: {
          content: {
            "application/json": {
              name: string;
              phone: string;
              skills: string;
              serviceBackground: string;
              desiredWork: string;
              updatedAt: string;
            };
          };
        };
        /** @description Error: VALIDATION_FAILED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/employment/applications/mine": {
    /** The caller’s applications, newest first */
    get: {
      parameters: {
        query?: {
          cursor?: string;
          limit?: number;
        };
      };
      responses: {
        /** @description A page of applications */
        200: {
          content: {
            "application/json": {
              items: ({
                  id: number;
                  postingId: number;
                  postingTitle: string;
                  employerId: number;
                  employerName: string;
                  /** @enum {string} */
                  status: "submitted" | "viewed" | "interview" | "hired" | "declined" | "withdrawn";
                  statusText: string;
                  interviewNote: string | null;
                  declineReason: string | null;
                  createdAt: string;
                  updatedAt: string;
                  allowedActions: string[];
                })[];
              nextCursor: string | null;
            };
          };
        };
        /** @description Error: VALIDATION_FAILED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/employment/applications/{id}": {
    /** One of the caller’s applications with its history */
    get: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description The application with its history */
        200: {
          content: {
            "application/json": {
              id: number;
              postingId: number;
              postingTitle: string;
              employerId: number;
              employerName: string;
              /** @enum {string} */
              status: "submitted" | "viewed" | "interview" | "hired" | "declined" | "withdrawn";
              statusText: string;
              interviewNote: string | null;
              declineReason: string | null;
              createdAt: string;
              updatedAt: string;
              allowedActions: string[];
              profile: {
                name: string;
                phone: string | null;
                skills: string;
                serviceBackground: string;
                desiredWork: string;
              };
              history: ({
                  action: string;
                  from: string | null;
                  to: string;
                  at: string;
                  by: string;
                  reason: string | null;
                })[];
            };
          };
        };
        /** @description Error: NOT_FOUND */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/employment/applications/{id}/withdraw": {
    /** Withdraw an application before the employer decides */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description The application with its history */
        200: {
          content: {
            "application/json": {
              id: number;
              postingId: number;
              postingTitle: string;
              employerId: number;
              employerName: string;
              /** @enum {string} */
              status: "submitted" | "viewed" | "interview" | "hired" | "declined" | "withdrawn";
              statusText: string;
              interviewNote: string | null;
              declineReason: string | null;
              createdAt: string;
              updatedAt: string;
              allowedActions: string[];
              profile: {
                name: string;
                phone: string | null;
                skills: string;
                serviceBackground: string;
                desiredWork: string;
              };
              history: ({
                  action: string;
                  from: string | null;
                  to: string;
                  at: string;
                  by: string;
                  reason: string | null;
                })[];
            };
          };
        };
        /** @description Error: NOT_FOUND, INVALID_TRANSITION */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/employment/fairs": {
    /** Job fairs from today on, soonest first, with the caller’s signup */
    get: {
      responses: {
        /** @description Fairs */
        200: {
          content: {
            "application/json": {
              items: ({
                  id: number;
                  title: string;
                  /** @enum {string} */
                  mode: "onsite" | "online";
                  fairDate: string;
                  place: string | null;
                  link: string | null;
                  description: string;
                  capacity: number | null;
                  signupCount: number;
                  remaining: number | null;
                  employers: {
                      id: number;
                      name: string;
                    }[];
                  mySignup: ({
                    id: number;
                    fairId: number;
                    /** @enum {string} */
                    status: "signed_up" | "cancelled";
                    attended: boolean;
                    createdAt: string;
                  }) | null;
                })[];
            };
          };
        };
        /** @description Error */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/employment/fairs/{id}": {
    /** One job fair with the caller’s signup */
    get: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description The fair */
        200: {
          content: {
            "application/json": {
              id: number;
              title: string;
              /** @enum {string} */
              mode: "onsite" | "online";
              fairDate: string;
              place: string | null;
              link: string | null;
              description: string;
              capacity: number | null;
              signupCount: number;
              remaining: number | null;
              employers: {
                  id: number;
                  name: string;
                }[];
              mySignup: ({
                id: number;
                fairId: number;
                /** @enum {string} */
                status: "signed_up" | "cancelled";
                attended: boolean;
                createdAt: string;
              }) | null;
            };
          };
        };
        /** @description Error: NOT_FOUND */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/employment/fairs/{id}/signups": {
    /** Sign up for a fair before its day; signing up again changes nothing */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description The signup */
        201: {
          content: {
            "application/json": {
              id: number;
              fairId: number;
              /** @enum {string} */
              status: "signed_up" | "cancelled";
              attended: boolean;
              createdAt: string;
            };
          };
        };
        /** @description Error: NOT_FOUND, FAIR_FULL, FAIR_STARTED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/employment/fairs/{id}/signups/cancel": {
    /** Cancel the caller’s signup before the fair’s day */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description The signup */
        200: {
          content: {
            "application/json": {
              id: number;
              fairId: number;
              /** @enum {string} */
              status: "signed_up" | "cancelled";
              attended: boolean;
              createdAt: string;
            };
          };
        };
        /** @description Error: NOT_FOUND, FAIR_STARTED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/employment/signups/mine": {
    /** The caller’s fair signups, newest first */
    get: {
      responses: {
        /** @description Signups */
        200: {
          content: {
            "application/json": {
              items: ({
                  id: number;
                  fairId: number;
                  /** @enum {string} */
                  status: "signed_up" | "cancelled";
                  attended: boolean;
                  createdAt: string;
                  fairTitle: string;
                  fairDate: string;
                  /** @enum {string} */
                  mode: "onsite" | "online";
                })[];
            };
          };
        };
        /** @description Error */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/employment/employer": {
    /** Apply as an employer with the company’s particulars and business licence; district staff review it */
    post: {
      requestBody: {
        content: {
          "application/json": {
            companyName: string;
            creditCode: string;
            contactName: string;
            contactPhone: string;
            address: string;
            licenceFileId: number;
          };
        };
      };
      responses: {
        /** @description The employer, submitted */
        201: {
          content: {
            "application/json": {
              id: number;
              companyName: string;
              creditCode: string;
              contactName: string;
              contactPhone: string;
              address: string;
              licenceFileId: number | null;
              /** @enum {string} */
              status: "submitted" | "approved" | "rejected" | "suspended";
              statusText: string;
              reason: string | null;
              createdAt: string;
              history: ({
                  action: string;
                  from: string | null;
                  to: string;
                  at: string;
                  by: string;
                  reason: string | null;
                })[];
            };
          };
        };
        /** @description Error: VALIDATION_FAILED, CREDIT_CODE_INVALID, EMPLOYER_EXISTS, FILE_NOT_ATTACHABLE */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/employment/employer/mine": {
    /** The caller’s employer and its review history */
    get: {
      responses: {
        /** @description The employer */
        200: {
          content: {
            "application/json": {
              id: number;
              companyName: string;
              creditCode: string;
              contactName: string;
              contactPhone: string;
              address: string;
              licenceFileId: number | null;
              /** @enum {string} */
              status: "submitted" | "approved" | "rejected" | "suspended";
              statusText: string;
              reason: string | null;
              createdAt: string;
              history: ({
                  action: string;
                  from: string | null;
                  to: string;
                  at: string;
                  by: string;
                  reason: string | null;
                })[];
            };
          };
        };
        /** @description Error: NOT_FOUND */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/employment/employer/postings": {
    /** The employer’s postings, newest first */
    get: {
      responses: {
        /** @description Postings with their applications counted */
        200: {
          content: {
            "application/json": {
              items: ({
                  id: number;
                  employerId: number;
                  employerName: string;
                  title: string;
                  category: string;
                  salaryMin: number;
                  salaryMax: number;
                  district: string;
                  address: string;
                  headcount: number;
                  veteranPreferred: boolean;
                  veteranPreferenceText: string | null;
                  validUntil: string;
                  /** @enum {string} */
                  status: "published" | "closed" | "taken_down";
                  statusText: string;
                  createdAt: string;
                  applicationsCount: number;
                })[];
            };
          };
        };
        /** @description Error: FORBIDDEN */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
    /** Publish a posting (approved employers only) */
    post: {
      requestBody: {
        content: {
          "application/json": {
            title: string;
            /** @enum {string} */
            category: "安保服务" | "驾驶运输" | "物业后勤" | "技术技工" | "行政文员" | "销售客服" | "教育培训" | "其他";
            salaryMin: number;
            salaryMax: number;
            district: string;
            address: string;
            headcount: number;
            requirements: string;
            veteranPreferred: boolean;
            veteranPreferenceText?: string | null;
            /** Format: date */
            validUntil: string;
          };
        };
      };
      responses: {
        /** @description The posting */
        201: {
          content: {
            "application/json": {
              id: number;
              employerId: number;
              employerName: string;
              title: string;
              category: string;
              salaryMin: number;
              salaryMax: number;
              district: string;
              address: string;
              headcount: number;
              veteranPreferred: boolean;
              veteranPreferenceText: string | null;
              validUntil: string;
              /** @enum {string} */
              status: "published" | "closed" | "taken_down";
              statusText: string;
              createdAt: string;
              requirements: string;
              takedownReason: string | null;
              saved: boolean;
              applied: boolean;
              history: ({
                  action: string;
                  from: string | null;
                  to: string;
                  at: string;
                  by: string;
                  reason: string | null;
                })[];
            };
          };
        };
        /** @description Error: VALIDATION_FAILED, FORBIDDEN, EMPLOYER_NOT_APPROVED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/employment/employer/postings/{id}": {
    /** One of the employer’s postings */
    get: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description The posting */
        200: {
          content: {
            "application/json": {
              id: number;
              employerId: number;
              employerName: string;
              title: string;
              category: string;
              salaryMin: number;
              salaryMax: number;
              district: string;
              address: string;
              headcount: number;
              veteranPreferred: boolean;
              veteranPreferenceText: string | null;
              validUntil: string;
              /** @enum {string} */
              status: "published" | "closed" | "taken_down";
              statusText: string;
              createdAt: string;
              requirements: string;
              takedownReason: string | null;
              saved: boolean;
              applied: boolean;
              history: ({
                  action: string;
                  from: string | null;
                  to: string;
                  at: string;
                  by: string;
                  reason: string | null;
                })[];
            };
          };
        };
        /** @description Error: NOT_FOUND, FORBIDDEN */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
    /** Edit a published posting */
    patch: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            title?: string;
            /** @enum {string} */
            category?: "安保服务" | "驾驶运输" | "物业后勤" | "技术技工" | "行政文员" | "销售客服" | "教育培训" | "其他";
            salaryMin?: number;
            salaryMax?: number;
            district?: string;
            address?: string;
            headcount?: number;
            requirements?: string;
            veteranPreferred?: boolean;
            veteranPreferenceText?: string | null;
            /** Format: date */
            validUntil?: string;
          };
        };
      };
      responses: {
        /** @description The posting */
        200: {
          content: {
            "application/json": {
              id: number;
              employerId: number;
              employerName: string;
              title: string;
              category: string;
              salaryMin: number;
              salaryMax: number;
              district: string;
              address: string;
              headcount: number;
              veteranPreferred: boolean;
              veteranPreferenceText: string | null;
              validUntil: string;
              /** @enum {string} */
              status: "published" | "closed" | "taken_down";
              statusText: string;
              createdAt: string;
              requirements: string;
              takedownReason: string | null;
              saved: boolean;
              applied: boolean;
              history: ({
                  action: string;
                  from: string | null;
                  to: string;
                  at: string;
                  by: string;
                  reason: string | null;
                })[];
            };
          };
        };
        /** @description Error: VALIDATION_FAILED, NOT_FOUND, FORBIDDEN, EMPLOYER_NOT_APPROVED, INVALID_TRANSITION */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/employment/employer/postings/{id}/close": {
    /** Stop recruiting for a posting */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description The posting */
        200: {
          content: {
            "application/json": {
              id: number;
              employerId: number;
              employerName: string;
              title: string;
              category: string;
              salaryMin: number;
              salaryMax: number;
              district: string;
              address: string;
              headcount: number;
              veteranPreferred: boolean;
              veteranPreferenceText: string | null;
              validUntil: string;
              /** @enum {string} */
              status: "published" | "closed" | "taken_down";
              statusText: string;
              createdAt: string;
              requirements: string;
              takedownReason: string | null;
              saved: boolean;
              applied: boolean;
              history: ({
                  action: string;
                  from: string | null;
                  to: string;
                  at: string;
                  by: string;
                  reason: string | null;
                })[];
            };
          };
        };
        /** @description Error: NOT_FOUND, FORBIDDEN, INVALID_TRANSITION */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/employment/employer/applications": {
    /** Applications the employer received, with the profiles sent, newest first (each read is logged) */
    get: {
      parameters: {
        query?: {
          cursor?: string;
          limit?: number;
          postingId?: number;
          status?: "submitted" | "viewed" | "interview" | "hired" | "declined" | "withdrawn";
        };
      };
      responses: {
        /** @description A page of applications */
        200: {
          content: {
            "application/json": {
              items: ({
                  id: number;
                  postingId: number;
                  postingTitle: string;
                  employerId: number;
                  employerName: string;
                  /** @enum {string} */
                  status: "submitted" | "viewed" | "interview" | "hired" | "declined" | "withdrawn";
                  statusText: string;
                  interviewNote: string | null;
                  declineReason: string | null;
                  createdAt: string;
                  updatedAt: string;
                  allowedActions: string[];
                  profile: {
                    name: string;
                    phone: string | null;
                    skills: string;
                    serviceBackground: string;
                    desiredWork: string;
                  };
                  history: ({
                      action: string;
                      from: string | null;
                      to: string;
                      at: string;
                      by: string;
                      reason: string | null;
                    })[];
                })[];
              nextCursor: string | null;
            };
          };
        };
        /** @description Error: VALIDATION_FAILED, FORBIDDEN */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/employment/employer/applications/{id}": {
    /** One application the employer received, with the profile sent (the read is logged) */
    get: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description The application */
        200: {
          content: {
            "application/json": {
              id: number;
              postingId: number;
              postingTitle: string;
              employerId: number;
              employerName: string;
              /** @enum {string} */
              status: "submitted" | "viewed" | "interview" | "hired" | "declined" | "withdrawn";
              statusText: string;
              interviewNote: string | null;
              declineReason: string | null;
              createdAt: string;
              updatedAt: string;
              allowedActions: string[];
              profile: {
                name: string;
                phone: string | null;
                skills: string;
                serviceBackground: string;
                desiredWork: string;
              };
              history: ({
                  action: string;
                  from: string | null;
                  to: string;
                  at: string;
                  by: string;
                  reason: string | null;
                })[];
            };
          };
        };
        /** @description Error: NOT_FOUND, FORBIDDEN */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/employment/employer/applications/{id}/view": {
    /** Mark an application as viewed */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description The application */
        200: {
          content: {
            "application/json": {
              id: number;
              postingId: number;
              postingTitle: string;
              employerId: number;
              employerName: string;
              /** @enum {string} */
              status: "submitted" | "viewed" | "interview" | "hired" | "declined" | "withdrawn";
              statusText: string;
              interviewNote: string | null;
              declineReason: string | null;
              createdAt: string;
              updatedAt: string;
              allowedActions: string[];
              profile: {
                name: string;
                phone: string | null;
                skills: string;
                serviceBackground: string;
                desiredWork: string;
              };
              history: ({
                  action: string;
                  from: string | null;
                  to: string;
                  at: string;
                  by: string;
                  reason: string | null;
                })[];
            };
          };
        };
        /** @description Error: NOT_FOUND, FORBIDDEN, INVALID_TRANSITION */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/employment/employer/applications/{id}/interview": {
    /** Invite the applicant to an interview, with the time and place */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            note: string;
          };
        };
      };
      responses: {
        /** @description The application */
        200: {
          content: {
            "application/json": {
              id: number;
              postingId: number;
              postingTitle: string;
              employerId: number;
              employerName: string;
              /** @enum {string} */
              status: "submitted" | "viewed" | "interview" | "hired" | "declined" | "withdrawn";
              statusText: string;
              interviewNote: string | null;
              declineReason: string | null;
              createdAt: string;
              updatedAt: string;
              allowedActions: string[];
              profile: {
                name: string;
                phone: string | null;
                skills: string;
                serviceBackground: string;
                desiredWork: string;
              };
              history: ({
                  action: string;
                  from: string | null;
                  to: string;
                  at: string;
                  by: string;
                  reason: string | null;
                })[];
            };
          };
        };
        /** @description Error: VALIDATION_FAILED, NOT_FOUND, FORBIDDEN, INVALID_TRANSITION */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/employment/employer/applications/{id}/hire": {
    /** Hire the applicant after the interview */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description The application */
        200: {
          content: {
            "application/json": {
              id: number;
              postingId: number;
              postingTitle: string;
              employerId: number;
              employerName: string;
              /** @enum {string} */
              status: "submitted" | "viewed" | "interview" | "hired" | "declined" | "withdrawn";
              statusText: string;
              interviewNote: string | null;
              declineReason: string | null;
              createdAt: string;
              updatedAt: string;
              allowedActions: string[];
              profile: {
                name: string;
                phone: string | null;
                skills: string;
                serviceBackground: string;
                desiredWork: string;
              };
              history: ({
                  action: string;
                  from: string | null;
                  to: string;
                  at: string;
                  by: string;
                  reason: string | null;
                })[];
            };
          };
        };
        /** @description Error: NOT_FOUND, FORBIDDEN, INVALID_TRANSITION */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/employment/employer/applications/{id}/decline": {
    /** Decline the application, with an optional reason the applicant reads */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            reason?: string;
          };
        };
      };
      responses: {
        /** @description The application */
        200: {
          content: {
            "application/json": {
              id: number;
              postingId: number;
              postingTitle: string;
              employerId: number;
              employerName: string;
              /** @enum {string} */
              status: "submitted" | "viewed" | "interview" | "hired" | "declined" | "withdrawn";
              statusText: string;
              interviewNote: string | null;
              declineReason: string | null;
              createdAt: string;
              updatedAt: string;
              allowedActions: string[];
              profile: {
                name: string;
                phone: string | null;
                skills: string;
                serviceBackground: string;
                desiredWork: string;
              };
              history: ({
                  action: string;
                  from: string | null;
                  to: string;
                  at: string;
                  by: string;
                  reason: string | null;
                })[];
            };
          };
        };
        /** @description Error: VALIDATION_FAILED, NOT_FOUND, FORBIDDEN, INVALID_TRANSITION */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/employment/employers": {
    /** Employers, newest first, by status */
    get: {
      parameters: {
        query?: {
          cursor?: string;
          limit?: number;
          status?: "submitted" | "approved" | "rejected" | "suspended";
        };
      };
      responses: {
        /** @description A page of employers */
        200: {
          content: {
            "application/json": {
              items: ({
                  id: number;
                  companyName: string;
                  creditCode: string;
                  contactName: string;
                  contactPhone: string;
                  address: string;
                  licenceFileId: number | null;
                  /** @enum {string} */
                  status: "submitted" | "approved" | "rejected" | "suspended";
                  statusText: string;
                  reason: string | null;
                  createdAt: string;
                })[];
              nextCursor: string | null;
            };
          };
        };
        /** @description Error: VALIDATION_FAILED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/employment/employers/{id}": {
    /** One employer with its review history */
    get: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description The employer with its history */
        200: {
          content: {
            "application/json": {
              id: number;
              companyName: string;
              creditCode: string;
              contactName: string;
              contactPhone: string;
              address: string;
              licenceFileId: number | null;
              /** @enum {string} */
              status: "submitted" | "approved" | "rejected" | "suspended";
              statusText: string;
              reason: string | null;
              createdAt: string;
              history: ({
                  action: string;
                  from: string | null;
                  to: string;
                  at: string;
                  by: string;
                  reason: string | null;
                })[];
            };
          };
        };
        /** @description Error: NOT_FOUND */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/employment/employers/{id}/review": {
    /** Approve or reject (with a reason) a submitted employer */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            /** @enum {string} */
            decision: "approve" | "reject";
            reason?: string;
          };
        };
      };
      responses: {
        /** @description The employer with its history */
        200: {
          content: {
            "application/json": {
              id: number;
              companyName: string;
              creditCode: string;
              contactName: string;
              contactPhone: string;
              address: string;
              licenceFileId: number | null;
              /** @enum {string} */
              status: "submitted" | "approved" | "rejected" | "suspended";
              statusText: string;
              reason: string | null;
              createdAt: string;
              history: ({
                  action: string;
                  from: string | null;
                  to: string;
                  at: string;
                  by: string;
                  reason: string | null;
                })[];
            };
          };
        };
        /** @description Error: VALIDATION_FAILED, NOT_FOUND, INVALID_TRANSITION */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/employment/employers/{id}/suspend": {
    /** Suspend an approved employer, with a reason */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            reason: string;
          };
        };
      };
      responses: {
        /** @description The employer with its history */
        200: {
          content: {
            "application/json": {
              id: number;
              companyName: string;
              creditCode: string;
              contactName: string;
              contactPhone: string;
              address: string;
              licenceFileId: number | null;
              /** @enum {string} */
              status: "submitted" | "approved" | "rejected" | "suspended";
              statusText: string;
              reason: string | null;
              createdAt: string;
              history: ({
                  action: string;
                  from: string | null;
                  to: string;
                  at: string;
                  by: string;
                  reason: string | null;
                })[];
            };
          };
        };
        /** @description Error: VALIDATION_FAILED, NOT_FOUND, INVALID_TRANSITION */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/employment/employers/{id}/restore": {
    /** Restore a suspended employer */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description The employer with its history */
        200: {
          content: {
            "application/json": {
              id: number;
              companyName: string;
              creditCode: string;
              contactName: string;
              contactPhone: string;
              address: string;
              licenceFileId: number | null;
              /** @enum {string} */
              status: "submitted" | "approved" | "rejected" | "suspended";
              statusText: string;
              reason: string | null;
              createdAt: string;
              history: ({
                  action: string;
                  from: string | null;
                  to: string;
                  at: string;
                  by: string;
                  reason: string | null;
                })[];
            };
          };
        };
        /** @description Error: NOT_FOUND, INVALID_TRANSITION */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/employment/postings": {
    /** Every posting, newest first, by status and employer */
    get: {
      parameters: {
        query?: {
          cursor?: string;
          limit?: number;
          status?: "published" | "closed" | "taken_down";
          employerId?: number;
        };
      };
      responses: {
        /** @description A page of postings */
        200: {
          content: {
            "application/json": {
              items: ({
                  id: number;
                  employerId: number;
                  employerName: string;
                  title: string;
                  category: string;
                  salaryMin: number;
                  salaryMax: number;
                  district: string;
                  address: string;
                  headcount: number;
                  veteranPreferred: boolean;
                  veteranPreferenceText: string | null;
                  validUntil: string;
                  /** @enum {string} */
                  status: "published" | "closed" | "taken_down";
                  statusText: string;
                  createdAt: string;
                })[];
              nextCursor: string | null;
            };
          };
        };
        /** @description Error: VALIDATION_FAILED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/employment/postings/{id}": {
    /** One posting with its history */
    get: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description The posting */
        200: {
          content: {
            "application/json": {
              id: number;
              employerId: number;
              employerName: string;
              title: string;
              category: string;
              salaryMin: number;
              salaryMax: number;
              district: string;
              address: string;
              headcount: number;
              veteranPreferred: boolean;
              veteranPreferenceText: string | null;
              validUntil: string;
              /** @enum {string} */
              status: "published" | "closed" | "taken_down";
              statusText: string;
              createdAt: string;
              requirements: string;
              takedownReason: string | null;
              saved: boolean;
              applied: boolean;
              history: ({
                  action: string;
                  from: string | null;
                  to: string;
                  at: string;
                  by: string;
                  reason: string | null;
                })[];
            };
          };
        };
        /** @description Error: NOT_FOUND */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/employment/postings/{id}/take-down": {
    /** Take a posting down, with the reason its employer reads */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            reason: string;
          };
        };
      };
      responses: {
        /** @description The posting */
        200: {
          content: {
            "application/json": {
              id: number;
              employerId: number;
              employerName: string;
              title: string;
              category: string;
              salaryMin: number;
              salaryMax: number;
              district: string;
              address: string;
              headcount: number;
              veteranPreferred: boolean;
              veteranPreferenceText: string | null;
              validUntil: string;
              /** @enum {string} */
              status: "published" | "closed" | "taken_down";
              statusText: string;
              createdAt: string;
              requirements: string;
              takedownReason: string | null;
              saved: boolean;
              applied: boolean;
              history: ({
                  action: string;
                  from: string | null;
                  to: string;
                  at: string;
                  by: string;
                  reason: string | null;
                })[];
            };
          };
        };
        /** @description Error: VALIDATION_FAILED, NOT_FOUND, INVALID_TRANSITION */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/employment/postings/{id}/applications": {
    /** The applications to a posting with the profiles sent (the read is logged) */
    get: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description Applications */
        200: {
          content: {
            "application/json": {
              items: ({
                  id: number;
                  postingId: number;
                  postingTitle: string;
                  employerId: number;
                  employerName: string;
                  /** @enum {string} */
                  status: "submitted" | "viewed" | "interview" | "hired" | "declined" | "withdrawn";
                  statusText: string;
                  interviewNote: string | null;
                  declineReason: string | null;
                  createdAt: string;
                  updatedAt: string;
                  allowedActions: string[];
                  profile: {
                    name: string;
                    phone: string | null;
                    skills: string;
                    serviceBackground: string;
                    desiredWork: string;
                  };
                  history: ({
                      action: string;
                      from: string | null;
                      to: string;
                      at: string;
                      by: string;
                      reason: string | null;
                    })[];
                })[];
            };
          };
        };
        /** @description Error: NOT_FOUND */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/employment/fairs": {
    /** Every job fair, latest day first */
    get: {
      responses: {
        /** @description Fairs */
        200: {
          content: {
            "application/json": {
              items: ({
                  id: number;
                  title: string;
                  /** @enum {string} */
                  mode: "onsite" | "online";
                  fairDate: string;
                  place: string | null;
                  link: string | null;
                  description: string;
                  capacity: number | null;
                  signupCount: number;
                  remaining: number | null;
                  employers: {
                      id: number;
                      name: string;
                    }[];
                })[];
            };
          };
        };
        /** @description Error */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
    /** Create a job fair with its participating employers */
    post: {
      requestBody: {
        content: {
          "application/json": {
            title: string;
            /** @enum {string} */
            mode: "onsite" | "online";
            /** Format: date */
            fairDate: string;
            place?: string | null;
            /** Format: uri */
            link?: string | null;
            description: string;
            capacity?: number | null;
            employerIds: number[];
          };
        };
      };
      responses: {
        /** @description The fair */
        201: {
          content: {
            "application/json": {
              id: number;
              title: string;
              /** @enum {string} */
              mode: "onsite" | "online";
              fairDate: string;
              place: string | null;
              link: string | null;
              description: string;
              capacity: number | null;
              signupCount: number;
              remaining: number | null;
              employers: {
                  id: number;
                  name: string;
                }[];
            };
          };
        };
        /** @description Error: VALIDATION_FAILED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/employment/fairs/{id}": {
    /** One job fair */
    get: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description The fair */
        200: {
          content: {
            "application/json": {
              id: number;
              title: string;
              /** @enum {string} */
              mode: "onsite" | "online";
              fairDate: string;
              place: string | null;
              link: string | null;
              description: string;
              capacity: number | null;
              signupCount: number;
              remaining: number | null;
              employers: {
                  id: number;
                  name: string;
                }[];
            };
          };
        };
        /** @description Error: NOT_FOUND */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
    /** Edit a job fair (a capacity below the signups standing is refused) */
    put: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            title: string;
            /** @enum {string} */
            mode: "onsite" | "online";
            /** Format: date */
            fairDate: string;
            place?: string | null;
            /** Format: uri */
            link?: string | null;
            description: string;
            capacity?: number | null;
            employerIds: number[];
          };
        };
      };
      responses: {
        /** @description The fair */
        200: {
          content: {
            "application/json": {
              id: number;
              title: string;
              /** @enum {string} */
              mode: "onsite" | "online";
              fairDate: string;
              place: string | null;
              link: string | null;
              description: string;
              capacity: number | null;
              signupCount: number;
              remaining: number | null;
              employers: {
                  id: number;
                  name: string;
                }[];
            };
          };
        };
        /** @description Error: VALIDATION_FAILED, NOT_FOUND */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/employment/fairs/{id}/signups": {
    /** A fair’s signups and the intentions recorded (the read is logged) */
    get: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description Signups and intentions */
        200: {
          content: {
            "application/json": {
              items: ({
                  id: number;
                  fairId: number;
                  /** @enum {string} */
                  status: "signed_up" | "cancelled";
                  attended: boolean;
                  createdAt: string;
                  accountId: number;
                  name: string | null;
                  phoneLast4: string | null;
                })[];
              intentions: {
                  id: number;
                  fairId: number;
                  accountId: number;
                  employerId: number;
                  note: string;
                  createdAt: string;
                }[];
            };
          };
        };
        /** @description Error: NOT_FOUND */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/employment/fairs/{id}/signups/{signupId}/attendance": {
    /** Record whether a signed-up holder came (on or after the day) */
    post: {
      parameters: {
        path: {
          id: number;
          signupId: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            attended: boolean;
          };
        };
      };
      responses: {
        /** @description The signup */
        200: {
          content: {
            "application/json": {
              id: number;
              fairId: number;
              /** @enum {string} */
              status: "signed_up" | "cancelled";
              attended: boolean;
              createdAt: string;
            };
          };
        };
        /** @description Error: VALIDATION_FAILED, NOT_FOUND, FAIR_NOT_YET, NOT_SIGNED_UP */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/employment/fairs/{id}/intentions": {
    /** Record an intention (意向) reached between a signed-up holder and a participating employer */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            signupId: number;
            employerId: number;
            note: string;
          };
        };
      };
      responses: {
        /** @description The intention */
        200: {
          content: {
            "application/json": {
              id: number;
              fairId: number;
              accountId: number;
              employerId: number;
              note: string;
              createdAt: string;
            };
          };
        };
        /** @description Error: VALIDATION_FAILED, NOT_FOUND, FAIR_NOT_YET, NOT_SIGNED_UP */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/employment/figures": {
    /** Postings, positions, applications, hires, fairs, participants and 意向 over a span of days */
    get: {
      parameters: {
        query: {
          from: string;
          to: string;
        };
      };
      responses: {
        /** @description Figures */
        200: {
          content: {
            "application/json": {
              from: string;
              to: string;
              postings: number;
              positions: number;
              applications: number;
              hires: number;
              fairs: number;
              participants: number;
              intentions: number;
            };
          };
        };
        /** @description Error: VALIDATION_FAILED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/lodging/hotels": {
    /** Active 军人驿站 with their free rooms per night from today to 14 days ahead */
    get: {
      responses: {
        /** @description The hotels */
        200: {
          content: {
            "application/json": {
              items: ({
                  id: number;
                  name: string;
                  address: string | null;
                  dailyQuota: number;
                  rules: string | null;
                  nights: {
                      night: string;
                      free: number;
                    }[];
                })[];
            };
          };
        };
        /** @description Error */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/lodging/hotels/{id}": {
    /** One active 驿站 with its rules and free rooms per night */
    get: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description The hotel */
        200: {
          content: {
            "application/json": {
              id: number;
              name: string;
              address: string | null;
              dailyQuota: number;
              rules: string | null;
              nights: {
                  night: string;
                  free: number;
                }[];
            };
          };
        };
        /** @description Error: NOT_FOUND */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/lodging/bookings": {
    /** Book one free night (today to 14 days ahead) for a serving soldier or a family member */
    post: {
      requestBody: {
        content: {
          "application/json": {
            hotelId: number;
            /** Format: date */
            night: string;
            /** @enum {string} */
            guestKind: "serving_soldier" | "family";
            guestName: string;
            phone: string;
            proofFileId?: number;
          };
        };
      };
      responses: {
        /** @description The booking */
        201: {
          content: {
            "application/json": {
              id: number;
              hotelId: number;
              hotelName: string;
              night: string;
              /** @enum {string} */
              guestKind: "serving_soldier" | "family";
              guestName: string;
              phoneMasked: string;
              /** @enum {string} */
              proofStatus: "none" | "pending" | "approved" | "rejected";
              deskChecksProof: boolean;
              /** @enum {string} */
              status: "booked" | "checked_in" | "no_show" | "cancelled";
              statusText: string;
              cancelReason: string | null;
              createdAt: string;
              address: string | null;
              history: ({
                  action: string;
                  from: string | null;
                  to: string;
                  at: string;
                  by: string;
                  reason: string | null;
                })[];
              allowedActions: string[];
            };
          };
        };
        /** @description Error: VALIDATION_FAILED, NOT_FOUND, FILE_NOT_ATTACHABLE, LODGING_CLOSED, LODGING_FULL, LODGING_BLOCKED, ALREADY_BOOKED, LIMIT_REACHED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/lodging/bookings/mine": {
    /** The caller’s 驿站 bookings, the latest night first */
    get: {
      responses: {
        /** @description The bookings */
        200: {
          content: {
            "application/json": {
              items: ({
                  id: number;
                  hotelId: number;
                  hotelName: string;
                  night: string;
                  /** @enum {string} */
                  guestKind: "serving_soldier" | "family";
                  guestName: string;
                  phoneMasked: string;
                  /** @enum {string} */
                  proofStatus: "none" | "pending" | "approved" | "rejected";
                  deskChecksProof: boolean;
                  /** @enum {string} */
                  status: "booked" | "checked_in" | "no_show" | "cancelled";
                  statusText: string;
                  cancelReason: string | null;
                  createdAt: string;
                  allowedActions: string[];
                })[];
            };
          };
        };
        /** @description Error */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/lodging/bookings/{id}": {
    /** One of the caller’s bookings with its history and what they may do next */
    get: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description The booking with its history and the caller’s actions */
        200: {
          content: {
            "application/json": {
              id: number;
              hotelId: number;
              hotelName: string;
              night: string;
              /** @enum {string} */
              guestKind: "serving_soldier" | "family";
              guestName: string;
              phoneMasked: string;
              /** @enum {string} */
              proofStatus: "none" | "pending" | "approved" | "rejected";
              deskChecksProof: boolean;
              /** @enum {string} */
              status: "booked" | "checked_in" | "no_show" | "cancelled";
              statusText: string;
              cancelReason: string | null;
              createdAt: string;
              address: string | null;
              history: ({
                  action: string;
                  from: string | null;
                  to: string;
                  at: string;
                  by: string;
                  reason: string | null;
                })[];
              allowedActions: string[];
            };
          };
        };
        /** @description Error: NOT_FOUND */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/lodging/bookings/{id}/cancel": {
    /** Cancel a booking, until 18:00 Beijing on the night; the room is freed */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description The booking with its history and the caller’s actions */
        200: {
          content: {
            "application/json": {
              id: number;
              hotelId: number;
              hotelName: string;
              night: string;
              /** @enum {string} */
              guestKind: "serving_soldier" | "family";
              guestName: string;
              phoneMasked: string;
              /** @enum {string} */
              proofStatus: "none" | "pending" | "approved" | "rejected";
              deskChecksProof: boolean;
              /** @enum {string} */
              status: "booked" | "checked_in" | "no_show" | "cancelled";
              statusText: string;
              cancelReason: string | null;
              createdAt: string;
              address: string | null;
              history: ({
                  action: string;
                  from: string | null;
                  to: string;
                  at: string;
                  by: string;
                  reason: string | null;
                })[];
              allowedActions: string[];
            };
          };
        };
        /** @description Error: NOT_FOUND, CANCEL_TOO_LATE, INVALID_TRANSITION */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/lodging/desk": {
    /** Whether the caller’s shop is a 驿站 whose desk they work (the portal shows the desk only then) */
    get: {
      responses: {
        /** @description The shop’s 驿站, if any */
        200: {
          content: {
            "application/json": {
              isHotel: boolean;
              hotelId: number | null;
              hotelName: string | null;
            };
          };
        };
        /** @description Error */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/lodging/desk/bookings": {
    /** The desk of the caller’s 驿站: one night’s bookings, or without a night every upcoming one; phones in full on the night only */
    get: {
      parameters: {
        query?: {
          night?: string;
        };
      };
      responses: {
        /** @description The bookings */
        200: {
          content: {
            "application/json": {
              hotelId: number;
              hotelName: string;
              night: string | null;
              items: ({
                  id: number;
                  night: string;
                  /** @enum {string} */
                  guestKind: "serving_soldier" | "family";
                  guestName: string;
                  phone: string;
                  deskChecksProof: boolean;
                  /** @enum {string} */
                  status: "booked" | "checked_in" | "no_show" | "cancelled";
                  statusText: string;
                  allowedActions: string[];
                })[];
            };
          };
        };
        /** @description Error: VALIDATION_FAILED, NOT_FOUND, FORBIDDEN, MERCHANT_INACTIVE */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/lodging/desk/bookings/{id}/check-in": {
    /** Confirm the guest stayed (on the night, or the next morning until noon) */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description The booking as the desk sees it */
        200: {
          content: {
            "application/json": {
              id: number;
              night: string;
              /** @enum {string} */
              guestKind: "serving_soldier" | "family";
              guestName: string;
              phone: string;
              deskChecksProof: boolean;
              /** @enum {string} */
              status: "booked" | "checked_in" | "no_show" | "cancelled";
              statusText: string;
              allowedActions: string[];
            };
          };
        };
        /** @description Error: NOT_FOUND, FORBIDDEN, MERCHANT_INACTIVE, INVALID_TRANSITION, TOO_EARLY, LODGING_CHECK_IN_CLOSED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/lodging/desk/bookings/{id}/no-show": {
    /** Mark a guest who did not come, from 18:00 Beijing on the night */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description The booking as the desk sees it */
        200: {
          content: {
            "application/json": {
              id: number;
              night: string;
              /** @enum {string} */
              guestKind: "serving_soldier" | "family";
              guestName: string;
              phone: string;
              deskChecksProof: boolean;
              /** @enum {string} */
              status: "booked" | "checked_in" | "no_show" | "cancelled";
              statusText: string;
              allowedActions: string[];
            };
          };
        };
        /** @description Error: NOT_FOUND, FORBIDDEN, MERCHANT_INACTIVE, INVALID_TRANSITION, TOO_EARLY */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/lodging/desk/bookings/{id}/cancel": {
    /** The hotel cancels a booking with the reason the guest reads; the room is freed */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            reason: string;
          };
        };
      };
      responses: {
        /** @description The booking as the desk sees it */
        200: {
          content: {
            "application/json": {
              id: number;
              night: string;
              /** @enum {string} */
              guestKind: "serving_soldier" | "family";
              guestName: string;
              phone: string;
              deskChecksProof: boolean;
              /** @enum {string} */
              status: "booked" | "checked_in" | "no_show" | "cancelled";
              statusText: string;
              allowedActions: string[];
            };
          };
        };
        /** @description Error: NOT_FOUND, FORBIDDEN, MERCHANT_INACTIVE, VALIDATION_FAILED, INVALID_TRANSITION */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/lodging/hotels": {
    /** Every 驿站, paused ones too, with free rooms per night */
    get: {
      responses: {
        /** @description The hotels */
        200: {
          content: {
            "application/json": {
              items: ({
                  id: number;
                  name: string;
                  address: string | null;
                  dailyQuota: number;
                  rules: string | null;
                  nights: {
                      night: string;
                      free: number;
                    }[];
                  merchantId: number;
                  merchantOpen: boolean;
                  /** @enum {string} */
                  status: "active" | "paused";
                  closedNights: string[];
                  createdAt: string;
                  updatedAt: string;
                })[];
            };
          };
        };
        /** @description Error */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
    /** Sign an open allied merchant as a 驿站 (two free rooms a night unless set) */
    post: {
      requestBody: {
        content: {
          "application/json": {
            merchantId: number;
            name?: string;
            dailyQuota?: number;
            rules?: string;
            closedNights?: string[];
          };
        };
      };
      responses: {
        /** @description The 驿站 */
        201: {
          content: {
            "application/json": {
              id: number;
              name: string;
              address: string | null;
              dailyQuota: number;
              rules: string | null;
              nights: {
                  night: string;
                  free: number;
                }[];
              merchantId: number;
              merchantOpen: boolean;
              /** @enum {string} */
              status: "active" | "paused";
              closedNights: string[];
              createdAt: string;
              updatedAt: string;
            };
          };
        };
        /** @description Error: VALIDATION_FAILED, LODGING_HOTEL_EXISTS, MERCHANT_INACTIVE */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/lodging/hotels/{id}": {
    /** Change a 驿站’s name, nightly quota, rules or closed nights */
    put: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            name?: string;
            dailyQuota?: number;
            rules?: string | null;
            closedNights?: string[];
          };
        };
      };
      responses: {
        /** @description The 驿站 */
        200: {
          content: {
            "application/json": {
              id: number;
              name: string;
              address: string | null;
              dailyQuota: number;
              rules: string | null;
              nights: {
                  night: string;
                  free: number;
                }[];
              merchantId: number;
              merchantOpen: boolean;
              /** @enum {string} */
              status: "active" | "paused";
              closedNights: string[];
              createdAt: string;
              updatedAt: string;
            };
          };
        };
        /** @description Error: NOT_FOUND, VALIDATION_FAILED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/lodging/hotels/{id}/pause": {
    /** Pause a 驿站: no new bookings (those made stand) */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description The 驿站 */
        200: {
          content: {
            "application/json": {
              id: number;
              name: string;
              address: string | null;
              dailyQuota: number;
              rules: string | null;
              nights: {
                  night: string;
                  free: number;
                }[];
              merchantId: number;
              merchantOpen: boolean;
              /** @enum {string} */
              status: "active" | "paused";
              closedNights: string[];
              createdAt: string;
              updatedAt: string;
            };
          };
        };
        /** @description Error: NOT_FOUND */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/lodging/hotels/{id}/resume": {
    /** Open a paused 驿站 to bookings again */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description The 驿站 */
        200: {
          content: {
            "application/json": {
              id: number;
              name: string;
              address: string | null;
              dailyQuota: number;
              rules: string | null;
              nights: {
                  night: string;
                  free: number;
                }[];
              merchantId: number;
              merchantOpen: boolean;
              /** @enum {string} */
              status: "active" | "paused";
              closedNights: string[];
              createdAt: string;
              updatedAt: string;
            };
          };
        };
        /** @description Error: NOT_FOUND */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/lodging/bookings": {
    /** Bookings, newest first, by hotel, status, proof and nights (the read is audited) */
    get: {
      parameters: {
        query?: {
          cursor?: string;
          limit?: number;
          hotelId?: number;
          status?: "booked" | "checked_in" | "no_show" | "cancelled";
          proofStatus?: "none" | "pending" | "approved" | "rejected";
          from?: string;
          to?: string;
        };
      };
      responses: {
        /** @description A page of bookings */
        200: {
          content: {
            "application/json": {
              items: ({
                  id: number;
                  hotelId: number;
                  hotelName: string;
                  night: string;
                  /** @enum {string} */
                  guestKind: "serving_soldier" | "family";
                  guestName: string;
                  phoneMasked: string;
                  /** @enum {string} */
                  proofStatus: "none" | "pending" | "approved" | "rejected";
                  deskChecksProof: boolean;
                  /** @enum {string} */
                  status: "booked" | "checked_in" | "no_show" | "cancelled";
                  statusText: string;
                  cancelReason: string | null;
                  createdAt: string;
                  accountId: number;
                })[];
              nextCursor: string | null;
            };
          };
        };
        /** @description Error: VALIDATION_FAILED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/lodging/figures": {
    /** A month’s nights booked, stays, no-shows, cancellations and use of the free quota per 驿站 */
    get: {
      parameters: {
        query: {
          month: string;
        };
      };
      responses: {
        /** @description Figures */
        200: {
          content: {
            "application/json": {
              month: string;
              hotels: ({
                  booked: number;
                  stays: number;
                  noShows: number;
                  cancellations: number;
                  freeRoomNights: number;
                  occupancy: number | null;
                  hotelId: number;
                  hotelName: string;
                })[];
              total: {
                booked: number;
                stays: number;
                noShows: number;
                cancellations: number;
                freeRoomNights: number;
                occupancy: number | null;
              };
            };
          };
        };
        /** @description Error: VALIDATION_FAILED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/lodging/bookings/{id}": {
    /** One booking with its proof of status and history (the read is audited) */
    get: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description The booking with its proof, history and the next steps */
        200: {
          content: {
            "application/json": {
              id: number;
              hotelId: number;
              hotelName: string;
              night: string;
              /** @enum {string} */
              guestKind: "serving_soldier" | "family";
              guestName: string;
              phoneMasked: string;
              /** @enum {string} */
              proofStatus: "none" | "pending" | "approved" | "rejected";
              deskChecksProof: boolean;
              /** @enum {string} */
              status: "booked" | "checked_in" | "no_show" | "cancelled";
              statusText: string;
              cancelReason: string | null;
              createdAt: string;
              address: string | null;
              history: ({
                  action: string;
                  from: string | null;
                  to: string;
                  at: string;
                  by: string;
                  reason: string | null;
                })[];
              allowedActions: string[];
              accountId: number;
              proofFileId: number | null;
            };
          };
        };
        /** @description Error: NOT_FOUND */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/lodging/bookings/{id}/approve-proof": {
    /** Accept the guest’s proof of status */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description The booking with its proof, history and the next steps */
        200: {
          content: {
            "application/json": {
              id: number;
              hotelId: number;
              hotelName: string;
              night: string;
              /** @enum {string} */
              guestKind: "serving_soldier" | "family";
              guestName: string;
              phoneMasked: string;
              /** @enum {string} */
              proofStatus: "none" | "pending" | "approved" | "rejected";
              deskChecksProof: boolean;
              /** @enum {string} */
              status: "booked" | "checked_in" | "no_show" | "cancelled";
              statusText: string;
              cancelReason: string | null;
              createdAt: string;
              address: string | null;
              history: ({
                  action: string;
                  from: string | null;
                  to: string;
                  at: string;
                  by: string;
                  reason: string | null;
                })[];
              allowedActions: string[];
              accountId: number;
              proofFileId: number | null;
            };
          };
        };
        /** @description Error: NOT_FOUND, INVALID_TRANSITION */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/lodging/bookings/{id}/reject-proof": {
    /** Reject the proof of status with a reason: the booking is cancelled and the room freed */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            reason: string;
          };
        };
      };
      responses: {
        /** @description The booking with its proof, history and the next steps */
        200: {
          content: {
            "application/json": {
              id: number;
              hotelId: number;
              hotelName: string;
              night: string;
              /** @enum {string} */
              guestKind: "serving_soldier" | "family";
              guestName: string;
              phoneMasked: string;
              /** @enum {string} */
              proofStatus: "none" | "pending" | "approved" | "rejected";
              deskChecksProof: boolean;
              /** @enum {string} */
              status: "booked" | "checked_in" | "no_show" | "cancelled";
              statusText: string;
              cancelReason: string | null;
              createdAt: string;
              address: string | null;
              history: ({
                  action: string;
                  from: string | null;
                  to: string;
                  at: string;
                  by: string;
                  reason: string | null;
                })[];
              allowedActions: string[];
              accountId: number;
              proofFileId: number | null;
            };
          };
        };
        /** @description Error: NOT_FOUND, VALIDATION_FAILED, INVALID_TRANSITION */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/lodging/bookings/{id}/cancel": {
    /** Cancel a booking with the reason the guest reads; the room is freed */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            reason: string;
          };
        };
      };
      responses: {
        /** @description The booking with its proof, history and the next steps */
        200: {
          content: {
            "application/json": {
              id: number;
              hotelId: number;
              hotelName: string;
              night: string;
              /** @enum {string} */
              guestKind: "serving_soldier" | "family";
              guestName: string;
              phoneMasked: string;
              /** @enum {string} */
              proofStatus: "none" | "pending" | "approved" | "rejected";
              deskChecksProof: boolean;
              /** @enum {string} */
              status: "booked" | "checked_in" | "no_show" | "cancelled";
              statusText: string;
              cancelReason: string | null;
              createdAt: string;
              address: string | null;
              history: ({
                  action: string;
                  from: string | null;
                  to: string;
                  at: string;
                  by: string;
                  reason: string | null;
                })[];
              allowedActions: string[];
              accountId: number;
              proofFileId: number | null;
            };
          };
        };
        /** @description Error: NOT_FOUND, VALIDATION_FAILED, INVALID_TRANSITION */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/chat/messages": {
    /** Messages after a cursor, waiting up to `wait` seconds (at most 25) for one; or the latest page, or those before a cursor. Read messages count as read. */
    get: {
      parameters: {
        query?: {
          after?: string;
          before?: string;
          wait?: number;
          limit?: number;
        };
      };
      responses: {
        /** @description Messages, oldest first (empty when the wait ran out or the server is stopping) */
        200: {
          content: {
            "application/json": {
              items: ({
                  id: number;
                  cursor: string;
                  /** @enum {string} */
                  from: "holder" | "assistant" | "staff" | "system";
                  /** @enum {string} */
                  kind: "text" | "card" | "quick_replies" | "notice";
                  text: string;
                  card?: {
                    title: string;
                    lines: string[];
                    button?: {
                      label: string;
                      page: string;
                    };
                  };
                  quickReplies?: ({
                      id: string;
                      label: string;
                      page: string;
                    } | ({
                      id: string;
                      label: string;
                      /** @enum {string} */
                      action: "send" | "send_location" | "feedback" | "rate";
                    }))[];
                  /** @enum {string} */
                  intent?: "card_status" | "card_apply" | "card_lost" | "card_show" | "nearby_discounts" | "legal_services" | "legal_free_times" | "legal_my_appointments" | "legal_book" | "notices" | "appeal_status" | "appeal_file" | "jobs" | "lodging" | "policy" | "greeting" | "thanks" | "ask_person" | "unknown";
                  source?: {
                    entryId: number;
                    document: string;
                    article: string | null;
                    issuer: string | null;
                    effectiveDate: string | null;
                  };
                  /** @enum {string} */
                  feedback?: "useful" | "not_useful";
                  /** @description On a staff member’s message: who wrote it */
                  staffName?: string;
                  /** @description On a picture the holder sent through WeChat’s service chat: GET /api/v1/files/{id} */
                  fileId?: number;
                  at: string;
                })[];
              /** @description Where to read on in the same direction (after= or before=) at once; null when nothing more is there now */
              nextCursor: string | null;
            };
          };
        };
        /** @description Error: VALIDATION_FAILED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
    /** Send a message ({ text }) or tap a quick reply ({ action: id }); the assistant answers in the same call */
    post: {
      requestBody: {
        content: {
          "application/json": {
            text: string;
            location?: {
              lat: number;
              lng: number;
            };
          } | {
            action: string;
            location?: {
              lat: number;
              lng: number;
            };
          };
        };
      };
      responses: {
        /** @description The holder’s message, then the assistant’s answer (none while staff have the conversation) */
        201: {
          content: {
            "application/json": {
              items: ({
                  id: number;
                  cursor: string;
                  /** @enum {string} */
                  from: "holder" | "assistant" | "staff" | "system";
                  /** @enum {string} */
                  kind: "text" | "card" | "quick_replies" | "notice";
                  text: string;
                  card?: {
                    title: string;
                    lines: string[];
                    button?: {
                      label: string;
                      page: string;
                    };
                  };
                  quickReplies?: ({
                      id: string;
                      label: string;
                      page: string;
                    } | ({
                      id: string;
                      label: string;
                      /** @enum {string} */
                      action: "send" | "send_location" | "feedback" | "rate";
                    }))[];
                  /** @enum {string} */
                  intent?: "card_status" | "card_apply" | "card_lost" | "card_show" | "nearby_discounts" | "legal_services" | "legal_free_times" | "legal_my_appointments" | "legal_book" | "notices" | "appeal_status" | "appeal_file" | "jobs" | "lodging" | "policy" | "greeting" | "thanks" | "ask_person" | "unknown";
                  source?: {
                    entryId: number;
                    document: string;
                    article: string | null;
                    issuer: string | null;
                    effectiveDate: string | null;
                  };
                  /** @enum {string} */
                  feedback?: "useful" | "not_useful";
                  /** @description On a staff member’s message: who wrote it */
                  staffName?: string;
                  /** @description On a picture the holder sent through WeChat’s service chat: GET /api/v1/files/{id} */
                  fileId?: number;
                  at: string;
                })[];
            };
          };
        };
        /** @description Error: VALIDATION_FAILED, MESSAGE_EMPTY, MESSAGE_TOO_LONG, MESSAGE_INVALID_CHARACTERS, UNKNOWN_ACTION, MESSAGE_REFUSED, RATE_LIMITED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/chat/conversation": {
    /** The holder’s conversation: its state, unread count and last page (the first visit opens it with a greeting) */
    get: {
      parameters: {
        query?: {
          limit?: number;
        };
      };
      responses: {
        /** @description The conversation */
        200: {
          content: {
            "application/json": {
              id: number;
              /** @enum {string} */
              state: "bot" | "waiting_staff" | "with_staff" | "resolved";
              unread: number;
              readCursor: string;
              items: ({
                  id: number;
                  cursor: string;
                  /** @enum {string} */
                  from: "holder" | "assistant" | "staff" | "system";
                  /** @enum {string} */
                  kind: "text" | "card" | "quick_replies" | "notice";
                  text: string;
                  card?: {
                    title: string;
                    lines: string[];
                    button?: {
                      label: string;
                      page: string;
                    };
                  };
                  quickReplies?: ({
                      id: string;
                      label: string;
                      page: string;
                    } | ({
                      id: string;
                      label: string;
                      /** @enum {string} */
                      action: "send" | "send_location" | "feedback" | "rate";
                    }))[];
                  /** @enum {string} */
                  intent?: "card_status" | "card_apply" | "card_lost" | "card_show" | "nearby_discounts" | "legal_services" | "legal_free_times" | "legal_my_appointments" | "legal_book" | "notices" | "appeal_status" | "appeal_file" | "jobs" | "lodging" | "policy" | "greeting" | "thanks" | "ask_person" | "unknown";
                  source?: {
                    entryId: number;
                    document: string;
                    article: string | null;
                    issuer: string | null;
                    effectiveDate: string | null;
                  };
                  /** @enum {string} */
                  feedback?: "useful" | "not_useful";
                  /** @description On a staff member’s message: who wrote it */
                  staffName?: string;
                  /** @description On a picture the holder sent through WeChat’s service chat: GET /api/v1/files/{id} */
                  fileId?: number;
                  at: string;
                })[];
              /** @description Pass as before= for older messages; null at the start */
              nextCursor: string | null;
              /** @description While waiting for staff: the place among the station’s waiting conversations */
              queue: ({
                position: number;
                expectedWaitMinutes: number | null;
                staffBackAt: string | null;
              }) | null;
              /** @description While a staff member has the conversation */
              agent: {
                displayName: string;
              } | null;
              /** @description The rating of the last handover; null before any */
              rating: ({
                asked: boolean;
                score: number | null;
              }) | null;
            };
          };
        };
        /** @description Error: VALIDATION_FAILED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/chat/read": {
    /** Mark the conversation read up to a cursor */
    post: {
      requestBody: {
        content: {
          "application/json": {
            cursor: string;
          };
        };
      };
      responses: {
        /** @description What is still unread */
        200: {
          content: {
            "application/json": {
              unread: number;
              readCursor: string;
            };
          };
        };
        /** @description Error: VALIDATION_FAILED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/chat/messages/{id}/feedback": {
    /** Say whether an answer of the assistant helped (有用 / 没用), once per message */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            useful: boolean;
          };
        };
      };
      responses: {
        /** @description The message with its feedback */
        200: {
          content: {
            "application/json": {
              id: number;
              cursor: string;
              /** @enum {string} */
              from: "holder" | "assistant" | "staff" | "system";
              /** @enum {string} */
              kind: "text" | "card" | "quick_replies" | "notice";
              text: string;
              card?: {
                title: string;
                lines: string[];
                button?: {
                  label: string;
                  page: string;
                };
              };
              quickReplies?: ({
                  id: string;
                  label: string;
                  page: string;
                } | ({
                  id: string;
                  label: string;
                  /** @enum {string} */
                  action: "send" | "send_location" | "feedback" | "rate";
                }))[];
              /** @enum {string} */
              intent?: "card_status" | "card_apply" | "card_lost" | "card_show" | "nearby_discounts" | "legal_services" | "legal_free_times" | "legal_my_appointments" | "legal_book" | "notices" | "appeal_status" | "appeal_file" | "jobs" | "lodging" | "policy" | "greeting" | "thanks" | "ask_person" | "unknown";
              source?: {
                entryId: number;
                document: string;
                article: string | null;
                issuer: string | null;
                effectiveDate: string | null;
              };
              /** @enum {string} */
              feedback?: "useful" | "not_useful";
              /** @description On a staff member’s message: who wrote it */
              staffName?: string;
              /** @description On a picture the holder sent through WeChat’s service chat: GET /api/v1/files/{id} */
              fileId?: number;
              at: string;
            };
          };
        };
        /** @description Error: VALIDATION_FAILED, NOT_FOUND, FEEDBACK_ALREADY_GIVEN, FEEDBACK_NOT_ASKED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/knowledge/figures": {
    /** The assistant per week: holders’ messages, answered by the assistant, 有用 rate, handovers, top intents */
    get: {
      parameters: {
        query?: {
          weeks?: number;
        };
      };
      responses: {
        /** @description One row per week, oldest first, this week last */
        200: {
          content: {
            "application/json": {
              items: ({
                  weekStart: string;
                  holderMessages: number;
                  answeredByAssistant: number;
                  answeredRate: number | null;
                  notUnderstood: number;
                  useful: number;
                  notUseful: number;
                  usefulRate: number | null;
                  conversations: number;
                  handovers: number;
                  handoverRate: number | null;
                  topIntents: {
                      intent: string;
                      count: number;
                    }[];
                })[];
            };
          };
        };
        /** @description Error: VALIDATION_FAILED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/chat/rating": {
    /** Rate the service staff gave (1–5, a comment optional), once per resolved handover */
    post: {
      requestBody: {
        content: {
          "application/json": {
            score: number;
            comment?: string;
          };
        };
      };
      responses: {
        /** @description The rating as recorded */
        200: {
          content: {
            "application/json": {
              asked: boolean;
              score: number | null;
            };
          };
        };
        /** @description Error: VALIDATION_FAILED, RATING_ALREADY_GIVEN, RATING_NOT_ASKED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/conversations/figures": {
    /** First-response and resolution times (median, p90, business hours only), conversations per day, handover rate, ratings, per station and agent */
    get: {
      parameters: {
        query: {
          from: string;
          to: string;
        };
      };
      responses: {
        /** @description Figures over the days from–to (Asia/Shanghai) */
        200: {
          content: {
            "application/json": {
              from: string;
              to: string;
              conversations: number;
              handoverRate: number | null;
              overall: {
                handovers: number;
                resolved: number;
                firstResponseSeconds: {
                  median: number | null;
                  p90: number | null;
                };
                resolutionSeconds: {
                  median: number | null;
                  p90: number | null;
                };
                ratings: number;
                averageRating: number | null;
              };
              perDay: {
                  date: string;
                  conversations: number;
                  handovers: number;
                }[];
              stations: ({
                  handovers: number;
                  resolved: number;
                  firstResponseSeconds: {
                    median: number | null;
                    p90: number | null;
                  };
                  resolutionSeconds: {
                    median: number | null;
                    p90: number | null;
                  };
                  ratings: number;
                  averageRating: number | null;
                  stationId: number | null;
                  stationName: string | null;
                })[];
              agents: ({
                  handovers: number;
                  resolved: number;
                  firstResponseSeconds: {
                    median: number | null;
                    p90: number | null;
                  };
                  resolutionSeconds: {
                    median: number | null;
                    p90: number | null;
                  };
                  ratings: number;
                  averageRating: number | null;
                  accountId: number;
                  displayName: string;
                })[];
            };
          };
        };
        /** @description Error: VALIDATION_FAILED, FORBIDDEN */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/conversations/changes": {
    /** The inbox’s long poll: waits up to `wait` seconds (at most 25) until a conversation the caller may see starts or stops waiting, is claimed, transferred or resolved, or gets a message (waiting ones and the caller’s own) */
    get: {
      parameters: {
        query?: {
          since?: string;
          wait?: number;
        };
      };
      responses: {
        /** @description A cursor for the next call; `changed` false when the wait ran out or the server is stopping */
        200: {
          content: {
            "application/json": {
              /** @description Give it back as `since` on the next call */
              cursor: string;
              /** @description The inbox moved since `since` (always true without it); false when the wait ran out */
              changed: boolean;
            };
          };
        };
        /** @description Error: VALIDATION_FAILED, FORBIDDEN */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/conversations": {
    /** Handed-over conversations in one state the caller may see (their station, their district); oldest waiting first */
    get: {
      parameters: {
        query?: {
          state?: "waiting_staff" | "with_staff" | "resolved";
          mine?: "true" | "false";
        };
      };
      responses: {
        /** @description Conversations */
        200: {
          content: {
            "application/json": {
              items: ({
                  id: number;
                  /** @enum {string} */
                  state: "bot" | "waiting_staff" | "with_staff" | "resolved";
                  holder: {
                    /** @description Masked: 张* */
                    name: string;
                    category: string | null;
                    verified: boolean;
                  };
                  station: {
                    id: number;
                    name: string;
                  } | null;
                  /** @enum {string} */
                  trigger: "asked" | "unknowns" | "intent";
                  handedOverAt: string;
                  waitingSince: string;
                  waitingSeconds: number;
                  agent: {
                    accountId: number;
                    displayName: string;
                  } | null;
                  resolvedAt: string | null;
                  outcome: string | null;
                  lastMessage: ({
                    /** @enum {string} */
                    from: "holder" | "assistant" | "staff" | "system";
                    text: string;
                    at: string;
                  }) | null;
                })[];
            };
          };
        };
        /** @description Error: VALIDATION_FAILED, FORBIDDEN */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/conversations/{id}": {
    /** The holder’s context in one call (masked identity, application, appointments, redemptions, complaints, the assistant’s guess, last 30 lines with notes); audit-logged */
    get: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description The context */
        200: {
          content: {
            "application/json": {
              conversation: {
                id: number;
                /** @enum {string} */
                state: "bot" | "waiting_staff" | "with_staff" | "resolved";
                holder: {
                  /** @description Masked: 张* */
                  name: string;
                  category: string | null;
                  verified: boolean;
                };
                station: {
                  id: number;
                  name: string;
                } | null;
                /** @enum {string} */
                trigger: "asked" | "unknowns" | "intent";
                handedOverAt: string;
                waitingSince: string;
                waitingSeconds: number;
                agent: {
                  accountId: number;
                  displayName: string;
                } | null;
                resolvedAt: string | null;
                outcome: string | null;
                lastMessage: ({
                  /** @enum {string} */
                  from: "holder" | "assistant" | "staff" | "system";
                  text: string;
                  at: string;
                }) | null;
              };
              holder: {
                name: string | null;
                category: string | null;
                verified: boolean;
                phone: string | null;
              };
              application: {
                id: number;
                kind: string;
                status: string;
                phrase: string;
              } | null;
              appointments: ({
                  id: number;
                  serviceType: string;
                  startsAt: string;
                  status: string;
                  providerName: string | null;
                })[];
              redemptions: ({
                  id: number;
                  merchantName: string | null;
                  offerTitle: string | null;
                  at: string;
                })[];
              complaints: ({
                  id: number;
                  merchantName: string | null;
                  status: string;
                  at: string;
                })[];
              /** @description What the assistant took the holder to want */
              assistantIntent: string | null;
              items: ({
                  id: number;
                  /** @description A note among staff, never shown to the holder */
                  internal: boolean;
                  cursor: string | null;
                  /** @enum {string} */
                  from: "holder" | "assistant" | "staff" | "system";
                  /** @enum {string} */
                  kind: "text" | "card" | "quick_replies" | "notice";
                  text: string;
                  staffName?: string;
                  /** @description A picture the holder sent through WeChat’s service chat: GET /api/v1/files/{id} */
                  fileId?: number;
                  /** @description The content check asked for a person to look at this text before acting on it */
                  forReview: boolean;
                  at: string;
                })[];
              history: ({
                  action: string;
                  from: string | null;
                  to: string;
                  at: string;
                  by: string;
                  reason: string | null;
                })[];
            };
          };
        };
        /** @description Error: VALIDATION_FAILED, FORBIDDEN, NOT_FOUND */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/conversations/{id}/claim": {
    /** Take a waiting conversation (one owner; a second claim is 409 ALREADY_CLAIMED) */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description The conversation, now with the caller */
        200: {
          content: {
            "application/json": {
              id: number;
              /** @enum {string} */
              state: "bot" | "waiting_staff" | "with_staff" | "resolved";
              holder: {
                /** @description Masked: 张* */
                name: string;
                category: string | null;
                verified: boolean;
              };
              station: {
                id: number;
                name: string;
              } | null;
              /** @enum {string} */
              trigger: "asked" | "unknowns" | "intent";
              handedOverAt: string;
              waitingSince: string;
              waitingSeconds: number;
              agent: {
                accountId: number;
                displayName: string;
              } | null;
              resolvedAt: string | null;
              outcome: string | null;
              lastMessage: ({
                /** @enum {string} */
                from: "holder" | "assistant" | "staff" | "system";
                text: string;
                at: string;
              }) | null;
            };
          };
        };
        /** @description Error: VALIDATION_FAILED, FORBIDDEN, NOT_FOUND, ALREADY_CLAIMED, AGENT_LIMIT_REACHED, INVALID_TRANSITION */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/conversations/{id}/release": {
    /** Give an open conversation back to the queue */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description The conversation, waiting again */
        200: {
          content: {
            "application/json": {
              id: number;
              /** @enum {string} */
              state: "bot" | "waiting_staff" | "with_staff" | "resolved";
              holder: {
                /** @description Masked: 张* */
                name: string;
                category: string | null;
                verified: boolean;
              };
              station: {
                id: number;
                name: string;
              } | null;
              /** @enum {string} */
              trigger: "asked" | "unknowns" | "intent";
              handedOverAt: string;
              waitingSince: string;
              waitingSeconds: number;
              agent: {
                accountId: number;
                displayName: string;
              } | null;
              resolvedAt: string | null;
              outcome: string | null;
              lastMessage: ({
                /** @enum {string} */
                from: "holder" | "assistant" | "staff" | "system";
                text: string;
                at: string;
              }) | null;
            };
          };
        };
        /** @description Error: VALIDATION_FAILED, FORBIDDEN, NOT_FOUND, INVALID_TRANSITION */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/conversations/{id}/transfer": {
    /** Hand an open conversation to another staff member who may see the holder */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            toAccountId: number;
          };
        };
      };
      responses: {
        /** @description The conversation with its new agent */
        200: {
          content: {
            "application/json": {
              id: number;
              /** @enum {string} */
              state: "bot" | "waiting_staff" | "with_staff" | "resolved";
              holder: {
                /** @description Masked: 张* */
                name: string;
                category: string | null;
                verified: boolean;
              };
              station: {
                id: number;
                name: string;
              } | null;
              /** @enum {string} */
              trigger: "asked" | "unknowns" | "intent";
              handedOverAt: string;
              waitingSince: string;
              waitingSeconds: number;
              agent: {
                accountId: number;
                displayName: string;
              } | null;
              resolvedAt: string | null;
              outcome: string | null;
              lastMessage: ({
                /** @enum {string} */
                from: "holder" | "assistant" | "staff" | "system";
                text: string;
                at: string;
              }) | null;
            };
          };
        };
        /** @description Error: VALIDATION_FAILED, FORBIDDEN, NOT_FOUND, AGENT_LIMIT_REACHED, INVALID_TRANSITION */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/conversations/{id}/messages": {
    /** Reply to the holder ({ text } or { cannedReplyId }, shown at once in their stream), or leave an internal note ({ internal: true }) */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            text?: string;
            cannedReplyId?: number;
            internal?: boolean;
          };
        };
      };
      responses: {
        /** @description The reply or note as staff see it */
        201: {
          content: {
            "application/json": {
              item: {
                id: number;
                /** @description A note among staff, never shown to the holder */
                internal: boolean;
                cursor: string | null;
                /** @enum {string} */
                from: "holder" | "assistant" | "staff" | "system";
                /** @enum {string} */
                kind: "text" | "card" | "quick_replies" | "notice";
                text: string;
                staffName?: string;
                /** @description A picture the holder sent through WeChat’s service chat: GET /api/v1/files/{id} */
                fileId?: number;
                /** @description The content check asked for a person to look at this text before acting on it */
                forReview: boolean;
                at: string;
              };
            };
          };
        };
        /** @description Error: VALIDATION_FAILED, FORBIDDEN, NOT_FOUND, MESSAGE_EMPTY, MESSAGE_TOO_LONG, MESSAGE_INVALID_CHARACTERS, CONVERSATION_NOT_CLAIMED, INVALID_TRANSITION */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/conversations/{id}/resolve": {
    /** Close the conversation with an outcome; the holder is asked to rate the service */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            outcome: string;
          };
        };
      };
      responses: {
        /** @description The conversation, resolved */
        200: {
          content: {
            "application/json": {
              id: number;
              /** @enum {string} */
              state: "bot" | "waiting_staff" | "with_staff" | "resolved";
              holder: {
                /** @description Masked: 张* */
                name: string;
                category: string | null;
                verified: boolean;
              };
              station: {
                id: number;
                name: string;
              } | null;
              /** @enum {string} */
              trigger: "asked" | "unknowns" | "intent";
              handedOverAt: string;
              waitingSince: string;
              waitingSeconds: number;
              agent: {
                accountId: number;
                displayName: string;
              } | null;
              resolvedAt: string | null;
              outcome: string | null;
              lastMessage: ({
                /** @enum {string} */
                from: "holder" | "assistant" | "staff" | "system";
                text: string;
                at: string;
              }) | null;
            };
          };
        };
        /** @description Error: VALIDATION_FAILED, FORBIDDEN, NOT_FOUND, INVALID_TRANSITION */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/canned-replies": {
    /** Canned replies of the caller’s station and district (variables {姓名}, {申请状态}, {服务站电话}) */
    get: {
      responses: {
        /** @description Canned replies */
        200: {
          content: {
            "application/json": {
              items: ({
                  id: number;
                  title: string;
                  text: string;
                  stationId: number | null;
                  districtId: number;
                  updatedAt: string;
                })[];
            };
          };
        };
        /** @description Error: FORBIDDEN */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
    /** Add a canned reply for the caller’s station (district staff: a station of theirs, or the district) */
    post: {
      requestBody: {
        content: {
          "application/json": {
            title: string;
            text: string;
            stationId?: number | null;
          };
        };
      };
      responses: {
        /** @description The canned reply */
        201: {
          content: {
            "application/json": {
              id: number;
              title: string;
              text: string;
              stationId: number | null;
              districtId: number;
              updatedAt: string;
            };
          };
        };
        /** @description Error: VALIDATION_FAILED, FORBIDDEN */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/canned-replies/scope": {
    /** Where the caller may write canned replies and edit business hours: their stations, and whether district-wide */
    get: {
      responses: {
        /** @description The stations and the district */
        200: {
          content: {
            "application/json": {
              admin: boolean;
              /** @description The caller’s station, as station staff */
              stationId: number | null;
              /** @description The caller’s district, as district staff */
              districtId: number | null;
              /** @description Stations whose canned replies and business hours the caller manages */
              stations: {
                  id: number;
                  name: string;
                  districtId: number;
                }[];
              /** @description The caller may write replies for the whole district */
              districtWide: boolean;
            };
          };
        };
        /** @description Error: FORBIDDEN */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/canned-replies/{id}": {
    /** Delete a canned reply */
    delete: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description Deleted */
        204: {
          content: never;
        };
        /** @description Error: VALIDATION_FAILED, FORBIDDEN, NOT_FOUND */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
    /** Change a canned reply’s title or text */
    patch: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            title?: string;
            text?: string;
          };
        };
      };
      responses: {
        /** @description The canned reply */
        200: {
          content: {
            "application/json": {
              id: number;
              title: string;
              text: string;
              stationId: number | null;
              districtId: number;
              updatedAt: string;
            };
          };
        };
        /** @description Error: VALIDATION_FAILED, FORBIDDEN, NOT_FOUND */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/stations/{id}/business-hours": {
    /** A station’s business hours (default Mon–Fri 9:00–12:00, 13:30–17:30), holidays and extra workdays */
    get: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description The hours, and whether the station is open now */
        200: {
          content: {
            "application/json": {
              /** @description Seven days, Monday first */
              weekly: {
                    start: string;
                    end: string;
                  }[][];
              holidays: string[];
              /** @description Weekend days worked, with Monday’s spans */
              extraWorkdays: string[];
              stationId: number;
              openNow: boolean;
              nextOpening: string | null;
            };
          };
        };
        /** @description Error: VALIDATION_FAILED, FORBIDDEN, NOT_FOUND */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
    /** Replace a station’s business hours (its staff, its district’s staff, admins); audit-logged */
    put: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            /** @description Seven days, Monday first */
            weekly: {
                  start: string;
                  end: string;
                }[][];
            holidays: string[];
            /** @description Weekend days worked, with Monday’s spans */
            extraWorkdays: string[];
          };
        };
      };
      responses: {
        /** @description The hours as saved */
        200: {
          content: {
            "application/json": {
              /** @description Seven days, Monday first */
              weekly: {
                    start: string;
                    end: string;
                  }[][];
              holidays: string[];
              /** @description Weekend days worked, with Monday’s spans */
              extraWorkdays: string[];
              stationId: number;
              openNow: boolean;
              nextOpening: string | null;
            };
          };
        };
        /** @description Error: VALIDATION_FAILED, FORBIDDEN, NOT_FOUND */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/knowledge/entries": {
    /** Knowledge-base entries newest first, by status, tag or words of the question */
    get: {
      parameters: {
        query?: {
          cursor?: string;
          limit?: number;
          status?: "draft" | "published" | "archived";
          tag?: string;
          q?: string;
        };
      };
      responses: {
        /** @description A page of entries */
        200: {
          content: {
            "application/json": {
              items: ({
                  id: number;
                  question: string;
                  phrasings: string[];
                  answer: string;
                  source: {
                    document: string;
                    article: string | null;
                    issuer: string | null;
                    effectiveDate: string | null;
                  };
                  tags: string[];
                  /** @enum {string} */
                  status: "draft" | "published" | "archived";
                  revision: number;
                  allowedActions: string[];
                  createdAt: string;
                  updatedAt: string;
                  publishedAt: string | null;
                })[];
              nextCursor: string | null;
            };
          };
        };
        /** @description Error */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
    /** Write a new entry (a draft until published) */
    post: {
      requestBody: {
        content: {
          "application/json": {
            question: string;
            /** @default [] */
            phrasings?: string[];
            answer: string;
            source: {
              document: string;
              /** @default null */
              article?: string | null;
              /** @default null */
              issuer?: string | null;
              /**
               * Format: date
               * @default null
               */
              effectiveDate?: string | null;
            };
            /** @default [] */
            tags?: string[];
          };
        };
      };
      responses: {
        /** @description The draft */
        201: {
          content: {
            "application/json": {
              id: number;
              question: string;
              phrasings: string[];
              answer: string;
              source: {
                document: string;
                article: string | null;
                issuer: string | null;
                effectiveDate: string | null;
              };
              tags: string[];
              /** @enum {string} */
              status: "draft" | "published" | "archived";
              revision: number;
              allowedActions: string[];
              createdAt: string;
              updatedAt: string;
              publishedAt: string | null;
            };
          };
        };
        /** @description Error: VALIDATION_FAILED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/knowledge/entries/{id}": {
    /** One entry */
    get: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description The entry */
        200: {
          content: {
            "application/json": {
              id: number;
              question: string;
              phrasings: string[];
              answer: string;
              source: {
                document: string;
                article: string | null;
                issuer: string | null;
                effectiveDate: string | null;
              };
              tags: string[];
              /** @enum {string} */
              status: "draft" | "published" | "archived";
              revision: number;
              allowedActions: string[];
              createdAt: string;
              updatedAt: string;
              publishedAt: string | null;
            };
          };
        };
        /** @description Error: NOT_FOUND */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
    /** Edit an entry (recorded in its history); a published one answers with the edit at once */
    patch: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            question?: string;
            phrasings?: string[];
            answer?: string;
            source?: {
              document: string;
              /** @default null */
              article?: string | null;
              /** @default null */
              issuer?: string | null;
              /**
               * Format: date
               * @default null
               */
              effectiveDate?: string | null;
            };
            tags?: string[];
            revision?: number;
          };
        };
      };
      responses: {
        /** @description The entry */
        200: {
          content: {
            "application/json": {
              id: number;
              question: string;
              phrasings: string[];
              answer: string;
              source: {
                document: string;
                article: string | null;
                issuer: string | null;
                effectiveDate: string | null;
              };
              tags: string[];
              /** @enum {string} */
              status: "draft" | "published" | "archived";
              revision: number;
              allowedActions: string[];
              createdAt: string;
              updatedAt: string;
              publishedAt: string | null;
            };
          };
        };
        /** @description Error: NOT_FOUND, VALIDATION_FAILED, KNOWLEDGE_ARCHIVED, KNOWLEDGE_EDIT_CONFLICT */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/knowledge/entries/{id}/publish": {
    /** Publish a draft: it answers holders from now on */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            reason?: string;
          };
        };
      };
      responses: {
        /** @description The entry */
        200: {
          content: {
            "application/json": {
              id: number;
              question: string;
              phrasings: string[];
              answer: string;
              source: {
                document: string;
                article: string | null;
                issuer: string | null;
                effectiveDate: string | null;
              };
              tags: string[];
              /** @enum {string} */
              status: "draft" | "published" | "archived";
              revision: number;
              allowedActions: string[];
              createdAt: string;
              updatedAt: string;
              publishedAt: string | null;
            };
          };
        };
        /** @description Error: NOT_FOUND, INVALID_TRANSITION, KNOWLEDGE_INCOMPLETE */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/knowledge/entries/{id}/archive": {
    /** Archive an entry: it stops answering holders */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            reason?: string;
          };
        };
      };
      responses: {
        /** @description The entry */
        200: {
          content: {
            "application/json": {
              id: number;
              question: string;
              phrasings: string[];
              answer: string;
              source: {
                document: string;
                article: string | null;
                issuer: string | null;
                effectiveDate: string | null;
              };
              tags: string[];
              /** @enum {string} */
              status: "draft" | "published" | "archived";
              revision: number;
              allowedActions: string[];
              createdAt: string;
              updatedAt: string;
              publishedAt: string | null;
            };
          };
        };
        /** @description Error: NOT_FOUND, INVALID_TRANSITION */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/knowledge/entries/{id}/restore": {
    /** Restore an archived entry as a draft */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            reason?: string;
          };
        };
      };
      responses: {
        /** @description The entry */
        200: {
          content: {
            "application/json": {
              id: number;
              question: string;
              phrasings: string[];
              answer: string;
              source: {
                document: string;
                article: string | null;
                issuer: string | null;
                effectiveDate: string | null;
              };
              tags: string[];
              /** @enum {string} */
              status: "draft" | "published" | "archived";
              revision: number;
              allowedActions: string[];
              createdAt: string;
              updatedAt: string;
              publishedAt: string | null;
            };
          };
        };
        /** @description Error: NOT_FOUND, INVALID_TRANSITION */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/knowledge/entries/{id}/history": {
    /** An entry's history: creation, edits and status changes, oldest first */
    get: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description The history */
        200: {
          content: {
            "application/json": ({
                action: string;
                from: string | null;
                to: string;
                at: string;
                by: string;
                reason: string | null;
              })[];
          };
        };
        /** @description Error: NOT_FOUND */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/knowledge/synonyms": {
    /** Synonyms: the words people use and the words the entries use */
    get: {
      responses: {
        /** @description Every synonym */
        200: {
          content: {
            "application/json": {
              items: {
                  id: number;
                  term: string;
                  canonical: string;
                  createdAt: string;
                }[];
            };
          };
        };
        /** @description Error */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
    /** Add a synonym (used by the assistant at once) */
    post: {
      requestBody: {
        content: {
          "application/json": {
            term: string;
            canonical: string;
          };
        };
      };
      responses: {
        /** @description The synonym */
        201: {
          content: {
            "application/json": {
              id: number;
              term: string;
              canonical: string;
              createdAt: string;
            };
          };
        };
        /** @description Error: VALIDATION_FAILED, SYNONYM_EXISTS */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/knowledge/synonyms/{id}": {
    /** Remove a synonym */
    delete: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description Removed */
        204: {
          content: never;
        };
        /** @description Error: NOT_FOUND */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/knowledge/unanswered": {
    /** Questions the assistant could not answer, most askers first */
    get: {
      parameters: {
        query?: {
          cursor?: string;
          limit?: number;
          status?: "open" | "converted" | "dismissed";
        };
      };
      responses: {
        /** @description A page of questions */
        200: {
          content: {
            "application/json": {
              items: ({
                  id: number;
                  text: string;
                  askCount: number;
                  askerCount: number;
                  firstAskedAt: string;
                  lastAskedAt: string;
                  /** @enum {string} */
                  status: "open" | "converted" | "dismissed";
                  entryId: number | null;
                })[];
              nextCursor: string | null;
            };
          };
        };
        /** @description Error */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/knowledge/unanswered/{id}/convert": {
    /** Make a draft entry of an unanswered question */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            question?: string;
          };
        };
      };
      responses: {
        /** @description The draft entry */
        201: {
          content: {
            "application/json": {
              id: number;
              question: string;
              phrasings: string[];
              answer: string;
              source: {
                document: string;
                article: string | null;
                issuer: string | null;
                effectiveDate: string | null;
              };
              tags: string[];
              /** @enum {string} */
              status: "draft" | "published" | "archived";
              revision: number;
              allowedActions: string[];
              createdAt: string;
              updatedAt: string;
              publishedAt: string | null;
            };
          };
        };
        /** @description Error: NOT_FOUND, INVALID_TRANSITION, VALIDATION_FAILED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/knowledge/unanswered/{id}/dismiss": {
    /** Set an unanswered question aside: not one for the knowledge base */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description The question */
        200: {
          content: {
            "application/json": {
              id: number;
              text: string;
              askCount: number;
              askerCount: number;
              firstAskedAt: string;
              lastAskedAt: string;
              /** @enum {string} */
              status: "open" | "converted" | "dismissed";
              entryId: number | null;
            };
          };
        };
        /** @description Error: NOT_FOUND, INVALID_TRANSITION */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/knowledge/understand": {
    /** How the assistant reads a question, with the rules and entries behind it */
    post: {
      requestBody: {
        content: {
          "application/json": {
            text: string;
            hasLocation?: boolean;
          };
        };
      };
      responses: {
        /** @description The understanding and its evidence */
        200: {
          content: {
            "application/json": {
              /** @enum {string} */
              intent: "card_status" | "card_apply" | "card_lost" | "card_show" | "nearby_discounts" | "legal_services" | "legal_free_times" | "legal_my_appointments" | "legal_book" | "notices" | "appeal_status" | "appeal_file" | "jobs" | "lodging" | "policy" | "greeting" | "thanks" | "ask_person" | "unknown";
              confidence: number;
              words: string[];
              /** @enum {string|null} */
              legalService: "consultation" | "legal_aid" | "mediation" | "counselling" | null;
              knowledge: {
                id: number;
                question: string;
              } | null;
              rules: ({
                  /** @enum {string} */
                  intent: "card_status" | "card_apply" | "card_lost" | "card_show" | "nearby_discounts" | "legal_services" | "legal_free_times" | "legal_my_appointments" | "legal_book" | "notices" | "appeal_status" | "appeal_file" | "jobs" | "lodging" | "policy" | "greeting" | "thanks" | "ask_person" | "unknown";
                  score: number;
                  matched: string[];
                })[];
              candidates: {
                  id: number;
                  question: string;
                  relevance: number;
                }[];
            };
          };
        };
        /** @description Error: VALIDATION_FAILED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/knowledge/try": {
    /** What the assistant would answer a holder asking this (the entry, its relevance, the answer as shown); writes nothing */
    post: {
      requestBody: {
        content: {
          "application/json": {
            text: string;
            hasLocation?: boolean;
          };
        };
      };
      responses: {
        /** @description The answer the holder would get */
        200: {
          content: {
            "application/json": {
              /** @enum {string} */
              intent: "card_status" | "card_apply" | "card_lost" | "card_show" | "nearby_discounts" | "legal_services" | "legal_free_times" | "legal_my_appointments" | "legal_book" | "notices" | "appeal_status" | "appeal_file" | "jobs" | "lodging" | "policy" | "greeting" | "thanks" | "ask_person" | "unknown";
              confidence: number;
              /**
               * @description knowledge: an entry answers; action: live data or an action answers (an entry may be quoted beside it); small_talk; handover: the holder asked for a person; unknown: the assistant cannot answer
               * @enum {string}
               */
              outcome: "knowledge" | "action" | "small_talk" | "handover" | "unknown";
              words: string[];
              /** @description The entry whose answer the holder would get */
              entry: {
                id: number;
                question: string;
                relevance: number;
                score: number;
              } | null;
              /** @description The entry’s answer as the holder reads it, links turned into buttons */
              answer: ({
                text: string;
                links: {
                    label: string;
                    page: string;
                  }[];
                source: {
                  document: string;
                  article: string | null;
                  issuer: string | null;
                  effectiveDate: string | null;
                };
              }) | null;
              candidates: {
                  id: number;
                  question: string;
                  relevance: number;
                  score: number;
                }[];
            };
          };
        };
        /** @description Error: VALIDATION_FAILED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/roster/me": {
    /** The caller’s own file in brief (我的档案): the identity they bound (ID number masked), whether they are on the bureau’s roster (matched by ID number) with its category, station and life-cycle stage, and the count and latest of their 优待证 applications, legal-aid appointments and appeals. Before an identity is bound, everything is empty */
    get: {
      responses: {
        /** @description The summary */
        200: {
          content: {
            "application/json": {
              identity: ({
                name: string;
                idNumberMasked: string;
                /** @enum {string} */
                category: "veteran" | "martyr_family" | "duty_death_family" | "illness_death_family";
                verified: boolean;
              }) | null;
              roster: ({
                /** @enum {string} */
                category: "veteran" | "martyr_family" | "duty_death_family" | "illness_death_family";
                station: {
                  id: number;
                  name: string;
                };
                /** @enum {string} */
                stage: "enlisted" | "serving" | "retired" | "employed" | "privileged";
              }) | null;
              card: {
                applications: number;
                latestApplication: {
                  id: number;
                  kind: string;
                  status: string;
                  createdAt: string;
                } | null;
                card: {
                  status: string;
                  issuedAt: string;
                } | null;
              };
              appointments: {
                total: number;
                upcoming: number;
                next: {
                  id: number;
                  serviceType: string;
                  mode: string;
                  startsAt: string;
                } | null;
              };
              appeals: {
                total: number;
                open: number;
                latest: ({
                  id: number;
                  /** @enum {string} */
                  kind: "appeal" | "errand";
                  category: string;
                  status: string;
                  createdAt: string;
                }) | null;
              };
            };
          };
        };
        /** @description Error */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/roster/imports": {
    /** Import the roster as a multipart upload (`file`: CSV in UTF-8 or GB18030, or .xlsx, at most 5 MB; columns 姓名, 身份证号, 类别, 服务站 (name or number), optionally 联系电话 and 阶段). Every row is checked on its own; a person already on the roster (same ID number) is updated, never added twice. Station staff import their station’s rows only, district staff their district’s, an admin any. dryRun=true writes nothing; otherwise the import is recorded and audit-logged (201) */
    post: {
      requestBody: {
        content: {
          "multipart/form-data": {
            /** Format: binary */
            file: string;
            /**
             * @default false
             * @enum {string}
             */
            dryRun?: "true" | "false";
          };
        };
      };
      responses: {
        /** @description The dry run’s report */
        200: {
          content: {
            "application/json": {
              importId: number | null;
              dryRun: boolean;
              accepted: number;
              updated: number;
              rejected: {
                  row: number;
                  reasons: string[];
                }[];
            };
          };
        };
        /** @description The import’s report */
        201: {
          content: {
            "application/json": {
              importId: number | null;
              dryRun: boolean;
              accepted: number;
              updated: number;
              rejected: {
                  row: number;
                  reasons: string[];
                }[];
            };
          };
        };
        /** @description Error: FORBIDDEN, VALIDATION_FAILED, PAYLOAD_TOO_LARGE, UNSUPPORTED_FILE_TYPE, REQUEST_TIMEOUT */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/roster": {
    /** The roster over the caller’s stations (station staff: theirs; district staff: their district’s; admin: all), in import order, ID numbers and phones masked; q is a whole ID number or part of a name */
    get: {
      parameters: {
        query?: {
          cursor?: string;
          limit?: number;
          stationId?: number;
          category?: "veteran" | "martyr_family" | "duty_death_family" | "illness_death_family";
          stage?: "enlisted" | "serving" | "retired" | "employed" | "privileged";
          q?: string;
        };
      };
      responses: {
        /** @description A page of entries */
        200: {
          content: {
            "application/json": {
              items: ({
                  id: number;
                  name: string;
                  idNumberMasked: string;
                  /** @enum {string} */
                  category: "veteran" | "martyr_family" | "duty_death_family" | "illness_death_family";
                  station: {
                    id: number;
                    name: string;
                    districtId: number;
                  };
                  /** @enum {string} */
                  stage: "enlisted" | "serving" | "retired" | "employed" | "privileged";
                  phoneMasked: string | null;
                  importId: number | null;
                  createdAt: string;
                  updatedAt: string;
                })[];
              nextCursor: string | null;
            };
          };
        };
        /** @description Error: FORBIDDEN, VALIDATION_FAILED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/roster/rates": {
    /** The roster as the denominator: per station, per district and in total, people on the roster out of the forces (eligible), those who applied for the 优待证, were approved and were issued one; 申领率 = applied / eligible, 发放率 = issued / applied (percent, one decimal) */
    get: {
      responses: {
        /** @description The figures */
        200: {
          content: {
            "application/json": {
              stations: ({
                  stationId: number;
                  stationName: string;
                  districtId: number;
                  eligible: number;
                  applied: number;
                  approved: number;
                  issued: number;
                  applicationRate: number | null;
                  issuanceRate: number | null;
                })[];
              districts: ({
                  districtId: number;
                  districtName: string;
                  eligible: number;
                  applied: number;
                  approved: number;
                  issued: number;
                  applicationRate: number | null;
                  issuanceRate: number | null;
                })[];
              total: {
                eligible: number;
                applied: number;
                approved: number;
                issued: number;
                applicationRate: number | null;
                issuanceRate: number | null;
              };
            };
          };
        };
        /** @description Error: FORBIDDEN */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/people/{id}": {
    /** The one-person file (一人一档) of a roster entry: identity (masked), category, station, stage, and what the system knows of the same person (matched by ID number): account, applications and cards, legal-aid appointments, redemptions, voucher orders, appeals and errands, conversations, visits. Staff of the person’s station and district only; every read is audit-logged */
    get: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description The file */
        200: {
          content: {
            "application/json": {
              id: number;
              name: string;
              idNumberMasked: string;
              /** @enum {string} */
              category: "veteran" | "martyr_family" | "duty_death_family" | "illness_death_family";
              station: {
                id: number;
                name: string;
                districtId: number;
              };
              /** @enum {string} */
              stage: "enlisted" | "serving" | "retired" | "employed" | "privileged";
              phoneMasked: string | null;
              importId: number | null;
              createdAt: string;
              updatedAt: string;
              person: {
                id: number;
                verified: boolean;
              } | null;
              account: ({
                id: number;
                displayName: string;
                roles: ("holder" | "merchant_owner" | "merchant_clerk" | "lawyer" | "station_staff" | "district_staff" | "admin" | "errand_runner")[];
                disabled: boolean;
              }) | null;
              applications: ({
                  id: number;
                  kind: string;
                  status: string;
                  stationId: number;
                  createdAt: string;
                  submittedAt: string | null;
                  approvedAt: string | null;
                  issuedAt: string | null;
                })[];
              cards: {
                  id: number;
                  cardNumber: string;
                  status: string;
                  issuedAt: string;
                }[];
              appointments: {
                  id: number;
                  serviceType: string;
                  mode: string;
                  status: string;
                  startsAt: string;
                }[];
              redemptions: {
                total: number;
                recent: {
                    id: number;
                    merchantName: string;
                    offerTitle: string;
                    day: string;
                  }[];
              };
              voucherOrders: {
                  id: number;
                  title: string;
                  quantity: number;
                  amountFen: number;
                  status: string;
                  createdAt: string;
                }[];
              conversations: {
                count: number;
                lastMessageAt: string | null;
              };
              appeals: ({
                  id: number;
                  /** @enum {string} */
                  kind: "appeal" | "errand";
                  category: string;
                  status: string;
                  stationId: number;
                  promisedDate: string | null;
                  overdue: boolean;
                  rating: number | null;
                  createdAt: string;
                  resolvedAt: string | null;
                })[];
              visits: ({
                  id: number;
                  visitedOn: string;
                  /** @enum {string} */
                  kind: "home_visit" | "holiday_condolence" | "hardship_condolence" | "phone" | "other";
                  note: string;
                  staff: {
                    id: number;
                    displayName: string;
                  };
                  createdAt: string;
                })[];
            };
          };
        };
        /** @description Error: NOT_FOUND, FORBIDDEN */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/people/{id}/visits": {
    /** Record a visit or call (走访慰问) on a roster entry: staff of the person’s station and district (audit-logged) */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            /** Format: date */
            visitedOn: string;
            /** @enum {string} */
            kind: "home_visit" | "holiday_condolence" | "hardship_condolence" | "phone" | "other";
            /** @default */
            note?: string;
          };
        };
      };
      responses: {
        /** @description The visit */
        201: {
          content: {
            "application/json": {
              id: number;
              visitedOn: string;
              /** @enum {string} */
              kind: "home_visit" | "holiday_condolence" | "hardship_condolence" | "phone" | "other";
              note: string;
              staff: {
                id: number;
                displayName: string;
              };
              createdAt: string;
            };
          };
        };
        /** @description Error: NOT_FOUND, FORBIDDEN, VALIDATION_FAILED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/me/data": {
    /** Everything the system holds about the caller, summarised (numbers masked, files by purpose and size) */
    get: {
      responses: {
        /** @description The summary */
        200: {
          content: {
            "application/json": {
              account: {
                id: number;
                displayName: string;
                roles: string[];
                createdAt: string;
                lastLoginAt: string | null;
              };
              identity: {
                name: string;
                idNumberMasked: string;
                phoneMasked: string;
                category: string;
                verified: boolean;
                createdAt: string;
              } | null;
              consents: {
                  version: string;
                  action: string;
                  items: string[];
                  at: string;
                }[];
              applications: {
                  id: number;
                  kind: string;
                  status: string;
                  createdAt: string;
                  hasAddress: boolean;
                }[];
              identityChanges: {
                  id: number;
                  status: string;
                  createdAt: string;
                }[];
              cards: {
                  cardNumber: string;
                  status: string;
                  issuedAt: string;
                }[];
              appointments: {
                  id: number;
                  serviceType: string;
                  mode: string;
                  status: string;
                  startsAt: string;
                }[];
              waitlist: {
                  id: number;
                  serviceType: string;
                  status: string;
                  createdAt: string;
                }[];
              redemptions: {
                total: number;
                latest: {
                    merchantName: string;
                    offerTitle: string;
                    day: string;
                  }[];
              };
              complaints: {
                  id: number;
                  merchantName: string;
                  status: string;
                  createdAt: string;
                }[];
              voucherOrders: {
                  id: number;
                  title: string;
                  quantity: number;
                  amountFen: number;
                  status: string;
                  createdAt: string;
                }[];
              appeals: ({
                  id: number;
                  kind: string;
                  category: string;
                  text: string;
                  contactTime: string | null;
                  status: string;
                  rating: number | null;
                  ratingComment: string | null;
                  createdAt: string;
                })[];
              lodgingBookings: {
                  id: number;
                  hotelName: string;
                  night: string;
                  guestKind: string;
                  guestName: string;
                  phoneLast4: string;
                  proofStatus: string;
                  status: string;
                  createdAt: string;
                }[];
              employment: {
                profile: {
                  name: string;
                  phoneLast4: string;
                  skills: string;
                  serviceBackground: string;
                  desiredWork: string;
                  updatedAt: string;
                } | null;
                applications: {
                    id: number;
                    postingTitle: string;
                    status: string;
                    createdAt: string;
                  }[];
                savedPostings: {
                    postingTitle: string;
                    savedAt: string;
                  }[];
                fairSignups: {
                    fairTitle: string;
                    status: string;
                    attended: boolean;
                    createdAt: string;
                  }[];
              };
              proxyLinks: ({
                  id: number;
                  /** @enum {string} */
                  side: "holder" | "proxy";
                  relation: string;
                  services: string[];
                  status: string;
                  createdAt: string;
                })[];
              proxyActions: ({
                  linkId: number;
                  /** @enum {string} */
                  side: "holder" | "proxy";
                  what: string;
                  status: number;
                  at: string;
                })[];
              conversations: {
                count: number;
                messagesWritten: number;
              };
              files: {
                  id: number;
                  purpose: string;
                  size: number;
                  createdAt: string;
                }[];
              notices: {
                total: number;
                latest: {
                    title: string;
                    createdAt: string;
                  }[];
                subscriptions: number;
              };
            };
          };
        };
        /** @description Error */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/me/deletion": {
    /** What deleting the account removes, what it keeps and why, and what must be finished first */
    get: {
      responses: {
        /** @description The plan */
        200: {
          content: {
            "application/json": {
              removes: string[];
              keeps: {
                  what: string;
                  why: string;
                  until: string;
                }[];
              blockers: {
                  what: string;
                  action: string;
                }[];
            };
          };
        };
        /** @description Error */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
    /** Delete the caller’s account: personal data removed or anonymised, records the law requires kept detached; every session ends */
    post: {
      requestBody: {
        content: {
          "application/json": {
            /** @constant */
            confirm: true;
          };
        };
      };
      responses: {
        /** @description Deleted */
        200: {
          content: {
            "application/json": {
              deletedAt: string;
            };
          };
        };
        /** @description Error: VALIDATION_FAILED, DELETION_BLOCKED */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/api/v1/staff/jobs": {
    /** Scheduled jobs and their recent runs */
    get: {
      responses: {
        /** @description Jobs */
        200: {
          content: {
            "application/json": {
              items: ({
                  name: string;
                  schedule: string;
                  description: string;
                  recentRuns: ({
                      id: number;
                      slot: string;
                      /** @enum {string} */
                      status: "running" | "succeeded" | "failed";
                      instance: string;
                      startedAt: string;
                      finishedAt: string | null;
                      counts: {
                        [key: string]: number;
                      } | null;
                      error: string | null;
                    })[];
                })[];
              nextCursor: null;
            };
          };
        };
        /** @description Error */
        default: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
}

export type webhooks = Record<string, never>;

export interface components {
  schemas: {
    Error: {
      error: {
        /** @description Stable SNAKE_CASE code for programs */
        code: string;
        /** @description Message for people, in Chinese */
        message: string;
        /** @description Every problem, for a validation failure */
        details?: {
            field?: string;
            rule?: string;
            expected?: unknown;
            actual?: unknown;
            message: string;
          }[];
      };
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}

export type $defs = Record<string, never>;

export type external = Record<string, never>;

export type operations = Record<string, never>;
