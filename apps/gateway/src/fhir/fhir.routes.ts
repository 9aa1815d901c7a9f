/** FHIR clients expect the FHIR base at /fhir, outside the gateway's /api/v1 prefix. */
export const FHIR_ROUTES = ['fhir/ServiceRequest', 'fhir/ServiceRequest/:id'];
