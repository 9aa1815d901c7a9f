/**
 * Every subject of a hub starts with one of these roots. A hub's NATS is a leaf of the ICS
 * server and shares its account, so infra/nats/leaf.conf denies each root in both directions
 * on the leaf link: without that, a request from one hub's gateway would be answered by another
 * hub's service, and another hub's streams would store this hub's events. The ICS reaches a
 * hub only through `$JS.<hubId>.API` (federation sourcing). Add a root here and in leaf.conf
 * together; tests check that both lists and every exported subject agree.
 */
export const HUB_SUBJECT_ROOTS = ['evt', 'dlq', 'fed', 'sys', 'intake', 'casework', 'directory', 'outcomes'] as const;
