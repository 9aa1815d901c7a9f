import { useEffect, useState } from 'react';
import { createApiClient } from '../api/client';
import type { HubInfo } from '../api/types';

/** This gateway's hub (public GET /api/v1/hub), for the sign-in page and the header. */
export function useHubInfo(): HubInfo | null {
  const [hub, setHub] = useState<HubInfo | null>(null);
  useEffect(() => {
    let live = true;
    createApiClient()
      .get<HubInfo>('/hub')
      .then(
        (info) => live && setHub(info),
        () => undefined, // the header falls back to the token's hub id
      );
    return () => {
      live = false;
    };
  }, []);
  return hub;
}
