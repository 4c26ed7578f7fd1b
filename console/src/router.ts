import { createRouter, createWebHistory } from 'vue-router';
import { homeFor, SCREENS } from './menu';
import { onSessionEnded, restoreSession, session } from './session/session';

export const router = createRouter({
  history: createWebHistory('/console/'),
  routes: [
    { path: '/signin', name: 'signin', component: () => import('./views/SignIn.vue'), meta: { public: true } },
    {
      path: '/',
      component: () => import('./views/Layout.vue'),
      children: [
        // Resolved after the sign-in guard, so it knows whose home it is.
        {
          path: '',
          name: 'root',
          component: { render: () => null },
          beforeEnter: () => homeFor(session.user?.roles ?? []),
        },
        {
          path: 'home',
          name: 'home',
          component: () => import('./views/Home.vue'),
          beforeEnter: () => (homeFor(session.user?.roles ?? []) === '/home' ? true : { name: 'root' }),
        },
        // The one-person file, opened from the roster (not a menu entry): staff of the person's station and district.
        {
          path: 'roster/people/:id(\\d+)',
          name: 'person-file',
          component: () => import('./views/PersonFile.vue'),
          meta: { roles: ['station_staff', 'district_staff'] },
        },
        ...SCREENS.map((s) => ({ path: s.path.slice(1), name: s.name, component: s.view, meta: { roles: s.roles } })),
      ],
    },
    { path: '/:rest(.*)*', redirect: '/' },
  ],
});

router.beforeEach(async (to) => {
  if (to.meta.public) return true;
  if (!session.user && !(await restoreSession())) return { name: 'signin', query: { next: to.fullPath } };
  const roles = to.meta.roles as readonly string[] | undefined;
  if (roles && !roles.some((r) => session.user?.roles.includes(r))) return homeFor(session.user?.roles ?? []);
  return true;
});

onSessionEnded(() => {
  const next = router.currentRoute.value.fullPath;
  void router.replace({ name: 'signin', query: next.startsWith('/signin') ? {} : { next } });
});
