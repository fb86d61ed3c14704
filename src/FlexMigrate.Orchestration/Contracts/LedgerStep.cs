namespace FlexMigrate.Orchestration.Contracts;

/// <summary>Input of <see cref="Ledger.RecordStepActivity"/>: a step done once for the migration, with its value.</summary>
/// <param name="Ledger">The migration's ledger.</param>
/// <param name="Step">The step (<see cref="Core.Ledger.LedgerSteps"/> names).</param>
/// <param name="Value">What a resumed run reads back (JSON), or null.</param>
public sealed record LedgerStep(LedgerKey Ledger, string Step, string? Value);
