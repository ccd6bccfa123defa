/** The name of the Postgres schema the service owns, for injection. */
export const SERVICE_SCHEMA = Symbol('SERVICE_SCHEMA');
