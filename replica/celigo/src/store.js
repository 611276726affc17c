// useSyncExternalStore for both generations (React 17 has none): a subscription plus a snapshot
// read on every render and on every notification.
import { useEffect, useState } from 'react';

export function useStore(subscribe, getSnapshot) {
  const [, setTick] = useState(0);
  useEffect(() => {
    const check = () => setTick((t) => t + 1);
    const unsubscribe = subscribe(check);
    check(); // a change between the render and the subscription
    return unsubscribe;
  }, [subscribe]);
  return getSnapshot();
}

/** A replica knob the server writes into the shell (`<meta name="replica-…" content="…">`). */
export function replicaSetting(name, fallback) {
  return document.querySelector(`meta[name="replica-${name}"]`)?.getAttribute('content') || fallback;
}
