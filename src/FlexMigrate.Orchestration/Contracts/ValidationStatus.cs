namespace FlexMigrate.Orchestration.Contracts;

/// <summary>Custom status of a validation run: tables compared so far and those that differ.</summary>
public sealed record ValidationStatus(int TablesTotal, int TablesDone, long RowsCompared, IReadOnlyList<string> Different);
