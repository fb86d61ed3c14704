using System.Globalization;
using FlexMigrate.Orchestration.Contracts;

namespace FlexMigrate.Cli.Display;

/// <summary>
/// Progress for a log file or pipe: one line at every phase change and every 10 seconds, no control sequences,
/// no colour.
/// </summary>
internal sealed class PlainProgressDisplay(TextWriter output) : ProgressDisplay
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);
    private readonly Lock _gate = new();
    private MigrationPhase? _lastPhase;
    private DateTime _lastLine = DateTime.MinValue;

    public override Task<T> ShowAsync<T>(Func<Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return work();
    }

    public override void Update(MigrationStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var now = DateTime.UtcNow;
        lock (_gate)
        {
            if (status.Phase != _lastPhase || now - _lastLine >= Interval)
            {
                output.WriteLine(Summary(status));
                output.Flush();
                _lastPhase = status.Phase;
                _lastLine = now;
            }
        }
    }

    public override void Notice(string text)
    {
        lock (_gate)
        {
            output.WriteLine(text);
            output.Flush();
        }
    }

    /// <summary>The one-line form of a status.</summary>
    public static string Summary(MigrationStatus s)
    {
        ArgumentNullException.ThrowIfNull(s);
        if (s.Replication is { } r)
        {
            return ReplicationSummary(s.Phase, r);
        }

        var eta = s.EtaSeconds is { } e ? $", ETA {DisplayFormat.Duration(e)}" : string.Empty;
        return string.Create(CultureInfo.InvariantCulture,
            $"[{s.Phase}] tables {s.TablesCopied}/{s.TablesTotal}, rows {s.RowsCopied:N0}/{s.RowsEstimated:N0}, {DisplayFormat.Bytes(s.BytesCopied)}, {s.RowsPerSecond:N0} rows/s{eta}");
    }

    /// <summary>One line for a replicating migration: where replay is, lag, rate, and what a cutover is doing.</summary>
    private static string ReplicationSummary(MigrationPhase phase, ReplicationStatus r)
    {
        var state = r.CaughtUp ? "caught up" : $"catching up to {r.CatchUpPosition}";
        var line = string.Create(CultureInfo.InvariantCulture,
            $"[{phase}] applied {r.AppliedPosition} of {r.SourcePosition}, lag {r.LagSeconds:F1}s / {DisplayFormat.Bytes(r.LagBytes)}, {r.RowsPerSecond:N0} rows/s, {r.TransactionsApplied:N0} transactions, {r.RowsApplied:N0} rows ({state})");
        if (r.CutoverStep is { } step)
        {
            line += $"; {DisplayFormat.Switch(r)}: {step}";
        }

        if (r.LastApplyError is { } applyError)
        {
            line += $"; retrying after: {applyError}";
        }

        if (r.LastCutoverError is { } cutoverError && phase is not (MigrationPhase.CuttingOver or MigrationPhase.RollingBack))
        {
            line += $"; last {DisplayFormat.Switch(r)} undone: {cutoverError}";
        }

        return line;
    }
}
