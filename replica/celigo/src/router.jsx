// A small client-side router: history.pushState plus a notification, as react-router does.
import { forwardRef } from 'react';
import { useStore } from './store.js';

const EVENT = 'replica:navigate';

function subscribe(cb) {
  window.addEventListener('popstate', cb);
  window.addEventListener(EVENT, cb);
  return () => {
    window.removeEventListener('popstate', cb);
    window.removeEventListener(EVENT, cb);
  };
}

export function usePath() {
  return useStore(subscribe, () => window.location.pathname);
}

export function navigate(to, { replace = false } = {}) {
  if (replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(EVENT));
}

/** An <a> that navigates in-app on a plain left click (new tab etc. still work). */
export const RouterLink = forwardRef(function RouterLink({ href, onClick, ...rest }, ref) {
  return (
    <a
      ref={ref}
      href={href}
      onClick={(e) => {
        onClick?.(e);
        if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        navigate(href);
      }}
      {...rest}
    />
  );
});
