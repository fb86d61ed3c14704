namespace FlexMigrate.Core.Schema;

/// <summary>How <see cref="TargetSchemaWriter"/> creates a load's tables.</summary>
/// <param name="Parallelism">Sessions creating tables at once (the migration's --parallelism).</param>
/// <param name="IndexesAtCreate">Small tables get their secondary indexes in their CREATE (offline: no index waits for
/// replay); see <see cref="Ddl.TableDdl.IndexedAtCreateMaxRows"/>.</param>
/// <param name="UniqueIndexesAtCreate">With <paramref name="IndexesAtCreate"/>, UNIQUE ones too; online they wait for the
/// catch-up (rows copied at different moments may collide on them before), the others still come with the CREATE: an
/// ALTER a table was most of a small table's online load (issue 20).</param>
public sealed record TableCreation(int Parallelism = 1, bool IndexesAtCreate = false, bool UniqueIndexesAtCreate = true);
