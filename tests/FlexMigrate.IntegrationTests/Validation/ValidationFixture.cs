using FlexMigrate.Core.Validation;
using FlexMigrate.IntegrationTests.Infrastructure;

namespace FlexMigrate.IntegrationTests.Validation;

/// <summary>
/// Builds the dataset twice (an untouched copy and a copy with injected differences) and validates each once; the
/// tests then assert on the two reports, so the servers do the expensive part only once per run.
/// </summary>
public sealed class ValidationFixture : IAsyncLifetime
{
    public const string CleanDatabase = "fm_validate_clean";
    public const string DiffDatabase = "fm_validate_diff";

    /// <summary>Small chunks and a low row-level threshold so chunking, key walks and bucket drill-down all run.</summary>
    public static ValidationOptions Options { get; } = new() { ChunkRows = 1_000, RowLevelThreshold = 100, Parallelism = 3 };

    public ValidationReport Clean { get; private set; } = null!;

    public ValidationReport Diff { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await ValidationDataset.CreateAndCopyAsync(CleanDatabase);
        await ValidationDataset.CreateAndCopyAsync(DiffDatabase);
        await ServerPair.ExecTargetAsync(ValidationDataset.InjectSql(DiffDatabase));
        Clean = await ValidateAsync(CleanDatabase);
        Diff = await ValidateAsync(DiffDatabase);
    }

    public Task DisposeAsync() => ServerPair.ResetDatabasesAsync(CleanDatabase, DiffDatabase);

    private static Task<ValidationReport> ValidateAsync(string database) => DatabaseValidator.ValidateAsync(
        ServerPair.SourceConnectionString,
        ServerPair.TargetConnectionString,
        new ValidationScope([database], [], []),
        Options,
        progress: null,
        CancellationToken.None);
}
