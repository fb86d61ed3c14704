using System.Globalization;
using FlexMigrate.Orchestration.Contracts;

namespace FlexMigrate.Cli.Migration;

/// <summary>Prints each control command once, as the migration's status acknowledges it (or refuses it).</summary>
internal sealed class ControlAcknowledgements(Action<string> notice)
{
    private int printed;

    public void Print(MigrationStatus status)
    {
        var changes = status.Throttle?.Changes ?? [];
        // The status keeps the latest changes only: count from the end when older ones were dropped.
        for (var i = Math.Max(0, Math.Min(printed, changes.Count)); i < changes.Count; i++)
        {
            var change = changes[i];
            var at = change.AppliedUtc.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
            notice(change.Refused is null
                ? $"Control: {change.Change} took effect at {at} UTC ({change.RequestedBy})."
                : $"Control: {change.Change} refused at {at} UTC: {change.Refused}");
        }

        printed = changes.Count;
    }
}
