namespace FlexMigrate.Core.Schema;

/// <summary>How <see cref="TargetSchemaWriter"/> creates a load's tables.</summary>
/// <param name="Parallelism">Sessions creating tables at once (the migration's --parallelism).</param>
/// <param name="IndexesAtCreate">Small tables get their secondary indexes in their CREATE (offline: no index waits for
/// replay); see <see cref="Ddl.TableDdl.IndexedAtCreateMaxRows"/>.</param>
public sealed record TableCreation(int Parallelism = 1, bool IndexesAtCreate = false);
