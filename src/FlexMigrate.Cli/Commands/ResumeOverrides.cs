using FlexMigrate.Orchestration.Contracts;
using FlexMigrate.Orchestration.Ledger;

namespace FlexMigrate.Cli.Commands;

/// <summary>
/// What `resume` may take from the command line: speed and checks (parallelism, validation) change freely; the
/// scope and result-shaping options are the recorded ones, and when the user repeats them they must match.
/// </summary>
internal sealed record ResumeOverrides(
    int? Parallelism,
    bool NoValidate,
    IReadOnlyList<string> Databases,
    IReadOnlyList<string> Tables,
    IReadOnlyList<string> ExcludeTables,
    string? Mode,
    int? ChunkRows,
    bool KeepDefiners,
    bool KeepEngines,
    bool DropExisting)
{
    public static ResumeOverrides Read(CommandArguments args) => new(
        args.Option("--parallelism") is null ? null : args.Int("--parallelism", 4, 1, 64),
        args.Flag("--no-validate"),
        args.List("--databases"),
        args.List("--tables"),
        args.List("--exclude-tables"),
        args.Option("--mode")?.ToLowerInvariant(),
        args.Option("--chunk-rows") is null ? null : args.Int("--chunk-rows", 200_000, 1, 100_000_000),
        args.Flag("--keep-definers"),
        args.Flag("--keep-engines"),
        args.Flag("--drop-existing"));

    /// <summary>
    /// The recorded request with the allowed changes, tied to <paramref name="migrationId"/>; refuses (usage error)
    /// when a repeated option differs from the recorded one, naming each difference.
    /// </summary>
    public MigrationRequest ApplyTo(MigrationRequest recorded, string migrationId)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        var options = recorded.Options;
        var asGiven = recorded with
        {
            Databases = Databases.Count > 0 ? Databases : recorded.Databases,
            Tables = Tables.Count > 0 ? Tables : recorded.Tables,
            ExcludeTables = ExcludeTables.Count > 0 ? ExcludeTables : recorded.ExcludeTables,
            Options = options with
            {
                Mode = Mode switch
                {
                    null => options.Mode,
                    "offline" => MigrationMode.Offline,
                    "online" => MigrationMode.Online,
                    _ => throw new UsageException($"--mode {Mode} is not a mode; use --mode offline or --mode online."),
                },
                ChunkRows = ChunkRows ?? options.ChunkRows,
                KeepDefiners = KeepDefiners || options.KeepDefiners,
                KeepEngines = KeepEngines || options.KeepEngines,
                DropExisting = DropExisting || options.DropExisting,
            },
        };
        var differences = LedgerScope.Of(recorded).DifferencesFrom(LedgerScope.Of(asGiven));
        if (differences.Count > 0)
        {
            throw new UsageException(
                $"Migration {migrationId} was recorded with other options, so resume refuses: {string.Join("; ", differences)}. "
                + "Leave these options out (resume uses the recorded ones), or start a new migration.");
        }

        return asGiven with
        {
            MigrationId = migrationId,
            Options = asGiven.Options with
            {
                Parallelism = Parallelism ?? options.Parallelism,
                Validate = options.Validate && !NoValidate,
            },
        };
    }
}
