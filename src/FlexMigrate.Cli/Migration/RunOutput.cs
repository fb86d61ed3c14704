using FlexMigrate.Cli.Commands;
using FlexMigrate.Cli.Display;
using FlexMigrate.Orchestration.Contracts;

namespace FlexMigrate.Cli.Migration;

/// <summary>
/// What `migrate` and `resume` do with a finished run: the report (summary, <c>--json</c>, <c>--report</c> file)
/// and the exit code, the same for both so a resumed run looks exactly like an uninterrupted one.
/// </summary>
internal static class RunOutput
{
    public static async Task<int> WriteAsync(
        string command, MigrationRun run, string? reportPath, bool json, CommandConsole console, ProgressDisplay display, CancellationToken cancellationToken)
    {
        if (run.Report is not { } report)
        {
            display.Notice($"flexmigrate {command}: migration {run.InstanceId} failed: {run.Failure}");
            return ExitCodes.Failed;
        }

        if (reportPath is not null)
        {
            await JsonOutput.WriteFileAsync(reportPath, report, cancellationToken);
        }

        if (json)
        {
            await console.Out.WriteLineAsync(JsonOutput.Serialize(report));
        }
        else
        {
            ReportPrinter.Print(TerminalConsoles.For(console.Out, console.IsOutputTerminal), run.InstanceId, report);
        }

        return report.Outcome switch
        {
            MigrationOutcome.Succeeded or MigrationOutcome.RolledBack => ExitCodes.Success,
            MigrationOutcome.PrecheckBlocked => ExitCodes.PrecheckBlocked,
            MigrationOutcome.Cancelled => ExitCodes.Cancelled,
            _ => ExitCodes.Failed,
        };
    }
}
