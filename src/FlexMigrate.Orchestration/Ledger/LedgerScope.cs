using System.Globalization;
using FlexMigrate.Core.Ledger;
using FlexMigrate.Orchestration.Contracts;

namespace FlexMigrate.Orchestration.Ledger;

/// <summary>
/// A request's <see cref="MigrationScope"/>: its databases and tables and the options that change what lands on
/// the target, by their command-line names. Parallelism, validation and the online timings only change speed or
/// checks, so a resume may change them.
/// </summary>
public static class LedgerScope
{
    public static MigrationScope Of(MigrationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new MigrationScope(Mode(request.Options.Mode), request.Databases, request.Tables, request.ExcludeTables, Options(request.Options));
    }

    public static string Mode(MigrationMode mode) => mode.ToString().ToLowerInvariant();

    private static SortedDictionary<string, string> Options(MigrationOptions options) => new(StringComparer.Ordinal)
    {
        ["--chunk-rows"] = options.ChunkRows.ToString(CultureInfo.InvariantCulture),
        ["--keep-definers"] = Flag(options.KeepDefiners),
        ["--keep-engines"] = Flag(options.KeepEngines),
        ["--drop-existing"] = Flag(options.DropExisting),
    };

    private static string Flag(bool value) => value ? "true" : "false";
}
