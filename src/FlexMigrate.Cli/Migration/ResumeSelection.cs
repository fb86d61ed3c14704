using System.Globalization;
using FlexMigrate.Cli.Commands;
using FlexMigrate.Core.Ledger;

namespace FlexMigrate.Cli.Migration;

/// <summary>
/// Which recorded migration `flexmigrate resume` continues: the one named, or the single unfinished one on the
/// target. Anything else is a usage error that lists what the target holds, so the user can name one.
/// </summary>
internal static class ResumeSelection
{
    public static LedgerEntry Choose(IReadOnlyList<LedgerEntry> recorded, string? id, string targetDescription)
    {
        if (id is not null)
        {
            var named = recorded.FirstOrDefault(e => e.MigrationId == id)
                ?? throw new UsageException($"The target {targetDescription} has no migration {id} in its ledger (flexmigrate_state). "
                    + (recorded.Count == 0 ? "No migration was ever recorded there: check --target." : "Recorded:\n" + List(recorded)));
            if (!named.IsUnfinished)
            {
                throw new UsageException($"Migration {id} already finished ({named.Status}, {Time(named.UpdatedUtc)}); there is nothing to resume.");
            }

            return named;
        }

        var unfinished = recorded.Where(e => e.IsUnfinished).ToList();
        return unfinished.Count switch
        {
            1 => unfinished[0],
            0 => throw new UsageException(recorded.Count == 0
                ? $"The target {targetDescription} has no migration in its ledger (flexmigrate_state): nothing to resume. Check --target."
                : $"Every migration recorded on {targetDescription} has finished: nothing to resume.\n" + List(recorded)),
            _ => throw new UsageException(
                $"The target {targetDescription} has {unfinished.Count} unfinished migrations; name the one to resume (flexmigrate resume <migration-id>):\n"
                + List(unfinished)),
        };
    }

    /// <summary>One line per migration: id, status, phase, mode, databases, last update.</summary>
    public static string List(IEnumerable<LedgerEntry> entries) => string.Join("\n", entries.Select(e =>
        $"  {e.MigrationId}  {e.Status.ToString().ToLowerInvariant(),-9} {e.Phase,-16} {e.Mode,-7} {string.Join(",", e.Identity.Scope.Databases)}  (last update {Time(e.UpdatedUtc)})"));

    private static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
