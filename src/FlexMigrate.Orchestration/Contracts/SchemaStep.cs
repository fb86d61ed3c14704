using FlexMigrate.Azure.Storage;

namespace FlexMigrate.Orchestration.Contracts;

/// <summary>
/// Input of the activities that work from the source schema (create tables, the five metadata activities): the
/// migration and where the planning activity stored the schema it read (<see cref="MigrationPlan.Catalog"/>), so the
/// schema is read once per migration, not once per activity.
/// </summary>
/// <param name="Request">The migration.</param>
/// <param name="Catalog">The stored source schema; null reads it from the source (a host without a payload store, and
/// the online catch-up, which runs after replication may have changed the source's schema).</param>
public sealed record SchemaStep(MigrationRequest Request, PayloadReference? Catalog = null);
