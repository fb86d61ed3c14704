namespace FlexMigrate.Orchestration.Contracts;

/// <summary>Input of the activities that stop and resume writes on the source at cutover.</summary>
/// <param name="Request">The migration.</param>
/// <param name="StopWrites">The mode the cutover request chose.</param>
/// <param name="SourceWasReadOnly">The source's read_only when the migration started: what a failed cutover restores.</param>
public sealed record CutoverStep(MigrationRequest Request, StopWritesMode StopWrites, bool SourceWasReadOnly);
