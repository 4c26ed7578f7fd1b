/**
 * Import boundaries, checked by `npm run lint`.
 *
 * - lib/ and db/ are below every module: they import none.
 * - A module reaches another module only through that module's service (or port / types) files,
 *   never its entities, policies or presenters.
 * - Services, policies and presenters do not import the HTTP layer (routes and schemas are the
 *   edge and may): errors and the caller type live in lib/.
 * - wechatpay-node-v3 is imported by its adapter only (server/integrations/wechatpay/wechat-pay-http.ts).
 *
 * Violations that predate these rules are listed in .dependency-cruiser-known-violations.json; the
 * check fails on any new one, and the list only shrinks (regenerate it with `npm run lint:baseline`
 * after removing some).
 */
module.exports = {
  forbidden: [
    {
      name: 'lib-and-db-import-no-module',
      severity: 'error',
      from: { path: '^server/(lib|db)/' },
      to: { path: '^server/modules/' },
    },
    {
      name: 'modules-meet-through-services',
      severity: 'error',
      from: { path: '^server/modules/([^/]+)/' },
      to: {
        path: '^server/modules/',
        pathNot: ['^server/modules/$1/', '^server/modules/[^/]+/[^/]+\\.(service|port|types|errors)\\.ts$'],
      },
    },
    {
      name: 'services-below-http',
      severity: 'error',
      from: { path: '^server/modules/', pathNot: '\\.(routes|schemas)\\.ts$' },
      to: { path: '^server/http/' },
    },
    {
      // The library has gaps the adapter fills (no tag check, no public-key mode, no bill hash):
      // nothing else may call it and skip them.
      name: 'wechatpay-library-only-in-its-adapter',
      severity: 'error',
      from: { pathNot: '^server/integrations/wechatpay/wechat-pay-http\\.ts$' },
      to: { path: 'node_modules/wechatpay-node-v3/' },
    },
    {
      name: 'no-circular',
      severity: 'warn',
      from: { path: '^server/' },
      // The module list and the types read from it (services, template keys, job needs) close a loop
      // on purpose: those imports are type-only and erased at compile time (the swc parser cannot tell).
      to: {
        circular: true,
        viaNot: [
          '^server/(module|modules|container)\\.ts$',
          '^server/jobs/job\\.ts$',
          '^server/modules/notifications/templates\\.ts$',
        ].join('|'),
      },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // node_modules is left out, except the package a rule above keeps to its adapter.
    exclude: { path: '^(node_modules/(?!wechatpay-node-v3/)|dist/)' },
    tsPreCompilationDeps: true,
    parser: 'swc',
  },
};
