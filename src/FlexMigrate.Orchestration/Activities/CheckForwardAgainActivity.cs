using System.Diagnostics;
using FlexMigrate.Core.Binlog;
using FlexMigrate.Core.Precheck;
using FlexMigrate.Core.Replication;
using FlexMigrate.Orchestration.Connections;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Activities;

/// <summary>
/// The precheck of going forward again after a rollback (issue 16), before anything changes on either server: the old
/// source must still hold the binlog file where replication starts again (a purge by binlog_expire_logs_seconds or
/// PURGE BINARY LOGS leaves a gap nothing can replay). Its one finding blocks the run (exit 3) and names the server,
/// the file and the choice left, a new migration with --drop-existing. Read-only.
/// </summary>
public sealed class CheckForwardAgainActivity(IConnectionCatalog connections) : TaskActivity<ForwardAgainStep, PrecheckReport>
{
    /// <summary>Stable id of the finding (scripts may match on it).</summary>
    public const string Rule = "forward-again.binlog";

    public override async Task<PrecheckReport> RunAsync(TaskActivityContext context, ForwardAgainStep input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var started = Stopwatch.GetTimestamp();
        var findings = new List<PrecheckFinding>();
        var file = BinlogPosition.Parse(input.Start.From.Position.Position).File;
        try
        {
            await BinlogRetentionCheck.EnsureAvailableAsync(connections.Resolve(input.Request.SourceConnection), file, input.MigrationId,
                input.Request.Databases);
        }
        catch (ReplicationGapException ex)
        {
            findings.Add(new PrecheckFinding(Rule, PrecheckSeverity.Error, "source", ex.Message,
                "Going forward again replays the old source's binlog from the rollback's position; without that file the target would miss the writes made since.",
                "Start a new online migration with --drop-existing (a full copy); nothing was changed on either server."));
        }

        return new PrecheckReport(PrecheckMode.Online, null, null, findings,
            new PrecheckCapacity([], [], 0, 0, 0, CopyRate.Default, 0, null), Stopwatch.GetElapsedTime(started).TotalSeconds);
    }
}
