using FlexMigrate.Core.Precheck;
using FlexMigrate.Core.Schema;
using FlexMigrate.Core.Validation;
using FlexMigrate.Orchestration.Contracts;

namespace FlexMigrate.Orchestration.Pipeline;

/// <summary>
/// Tracks a migration's progress inside the orchestrator and renders custom status and the report. Pure and
/// deterministic: time comes only from the orchestration context's replay-safe clock.
/// </summary>
internal sealed class MigrationProgress(DateTime startedUtc)
{
    private const int MaxTablesInStatus = 20;
    private const int MaxFindingsInStatus = 50;
    private readonly Dictionary<string, TableState> _tables = new(StringComparer.Ordinal);
    private readonly List<MigrationNote> _notes = [];

    public IReadOnlyList<MigrationNote> Notes => _notes;

    public bool PrecheckSkipped { get; set; }

    public PrecheckReport? Precheck { get; set; }

    public ValidationReport? Validation { get; set; }

    /// <summary>The Azure changes and their restores, for status and report; null without Azure options.</summary>
    public Azure.AzureReport? Azure { get; set; }

    /// <summary>Artifacts written so far.</summary>
    public List<FlexMigrate.Azure.Storage.ArtifactReference> Artifacts { get; } = [];

    /// <summary>Live control and throttling, shown in the status and the report (null: not part of this load).</summary>
    public Control.MigrationControl? Control { get; set; }

    private int _chunksInFlight;

    /// <summary>Records an artifact that was written (null: no artifact store, or the write failed and was logged).</summary>
    public void AddArtifact(FlexMigrate.Azure.Storage.ArtifactReference? artifact)
    {
        if (artifact is not null)
        {
            Artifacts.Add(artifact);
        }
    }

    /// <summary>The per-table line of the report, for the per-table metrics logged when a table is copied.</summary>
    public TableReport TableReportOf(TableWork table) => _tables[table.Name].ToReport();

    public void AddNotes(IEnumerable<MigrationNote> notes) => _notes.AddRange(notes);

    public void PlanTables(IEnumerable<TableWork> tables)
    {
        foreach (var t in tables)
        {
            _tables[t.Name] = new TableState(t);
        }
    }

    /// <summary>The table's plan: <paramref name="chunks"/> in all, <paramref name="copiedBefore"/> of them copied by an
    /// earlier run (done, their rows not counted: a run reports what it copied).</summary>
    public void PlanChunks(TableWork table, int chunks, int copiedBefore, DateTime nowUtc)
    {
        var state = _tables[table.Name];
        state.ChunksTotal = chunks;
        state.ChunksDone = copiedBefore;
        state.StartedUtc = nowUtc;
        state.FinishedUtc = nowUtc;
    }

    /// <summary>A table's time (for its rows/s, ETA and report seconds) starts with its first chunk, not with the
    /// plan: a table waiting behind larger ones in the pool is not slow.</summary>
    public void ChunkStarted(TableWork table, DateTime nowUtc)
    {
        _chunksInFlight++;
        var s = _tables[table.Name];
        if (!s.CopyStarted)
        {
            s.CopyStarted = true;
            s.StartedUtc = nowUtc;
        }
    }

    public void ChunkDone(TableWork table, ChunkCopied result, DateTime nowUtc)
    {
        _chunksInFlight--;
        Control?.Observe(result.Throttle);
        if (result.Deferred)
        {
            return;
        }

        Copied(table, 1, result.Rows, result.Bytes, nowUtc);
    }

    /// <summary>A group of a table's chunks (<see cref="ChunkGroupOrchestrator"/>) done: one unit in flight, many chunks.</summary>
    public void ChunkGroupDone(TableWork table, ChunkGroupCopied result, DateTime nowUtc)
    {
        _chunksInFlight--;
        Control?.Observe(result.Throttle);
        Copied(table, result.Chunks, result.Rows, result.Bytes, nowUtc);
    }

    private void Copied(TableWork table, int chunks, long rows, long bytes, DateTime nowUtc)
    {
        var s = _tables[table.Name];
        s.ChunksDone += chunks;
        s.Rows += rows;
        s.Bytes += bytes;
        if (s.ChunksDone == s.ChunksTotal)
        {
            s.FinishedUtc = nowUtc;
        }
    }

    /// <summary>A small table copied and indexed in one go by its batch (its one chunk; time is the copy's own).</summary>
    public void SmallTableCopied(TableWork table, ChunkCopied copied, DateTime nowUtc)
    {
        var s = _tables[table.Name];
        s.ChunksTotal = s.ChunksDone = 1;
        s.Rows = copied.Rows;
        s.Bytes = copied.Bytes;
        s.IndexesAdded = s.CopyStarted = true;
        s.StartedUtc = nowUtc.AddMilliseconds(-copied.Milliseconds);
        s.FinishedUtc = nowUtc;
    }

    public bool TableCopied(TableWork table) => _tables[table.Name] is var s && s.ChunksDone == s.ChunksTotal;

    public void IndexesAdded(TableWork table) => _tables[table.Name].IndexesAdded = true;

    public MigrationStatus Status(MigrationPhase phase, DateTime nowUtc)
    {
        var rows = _tables.Values.Sum(t => t.Rows);
        var estimated = _tables.Values.Sum(t => Math.Max(t.Work.EstimatedRows, t.Rows));
        var seconds = (nowUtc - startedUtc).TotalSeconds;
        var rate = seconds > 0 ? rows / seconds : 0;
        double? eta = rate > 0 && phase == MigrationPhase.CopyingData ? Math.Max(0, (estimated - rows) / rate) : null;
        var active = _tables.Values
            .Where(t => t.ChunksTotal > 0 && (t.ChunksDone < t.ChunksTotal || !t.IndexesAdded))
            .Take(MaxTablesInStatus)
            .Select(t => t.ToProgress(nowUtc))
            .ToList();
        return new MigrationStatus(
            phase, startedUtc, _tables.Count, _tables.Values.Count(t => t.ChunksTotal > 0 && t.ChunksDone == t.ChunksTotal),
            estimated, rows, _tables.Values.Sum(t => t.Bytes), Math.Round(rate, 1), eta is null ? null : Math.Round(eta.Value, 1),
            active, _notes.Count, PrecheckFindings()) { Azure = Azure, ChunksInFlight = _chunksInFlight, Throttle = Control?.Status() };
    }

    public MigrationReport Report(MigrationOutcome outcome, DateTime nowUtc)
    {
        var rows = _tables.Values.Sum(t => t.Rows);
        var seconds = (nowUtc - startedUtc).TotalSeconds;
        var tables = _tables.Values.Select(t => t.ToReport()).ToList();
        return new MigrationReport(
            outcome, startedUtc, nowUtc, rows, _tables.Values.Sum(t => t.Bytes),
            seconds > 0 ? Math.Round(rows / seconds, 1) : 0, tables, _notes, PrecheckSkipped, Precheck, Validation)
        {
            Azure = Azure,
            Artifacts = Artifacts.Count > 0 ? [.. Artifacts] : null,
            Throttle = Control?.Status(),
        };
    }

    /// <summary>Errors and warnings of the precheck, for the status (info findings stay in the report).</summary>
    private IReadOnlyList<PrecheckFinding> PrecheckFindings() =>
        Precheck?.Findings.Where(f => f.Severity != PrecheckSeverity.Info).Take(MaxFindingsInStatus).ToList() ?? [];

    private sealed class TableState(TableWork work)
    {
        public TableWork Work { get; } = work;

        public int ChunksTotal { get; set; }

        public int ChunksDone { get; set; }

        public long Rows { get; set; }

        public long Bytes { get; set; }

        public bool IndexesAdded { get; set; }

        public bool CopyStarted { get; set; }

        public DateTime StartedUtc { get; set; }

        public DateTime FinishedUtc { get; set; }

        public TableProgress ToProgress(DateTime nowUtc)
        {
            var seconds = CopyStarted ? ((ChunksDone == ChunksTotal ? FinishedUtc : nowUtc) - StartedUtc).TotalSeconds : 0;
            return new(Work.Name, Rows, Math.Max(Work.EstimatedRows, Rows), Bytes, ChunksDone, ChunksTotal, IndexesAdded)
            {
                RowsPerSecond = seconds > 0 ? Math.Round(Rows / seconds, 1) : 0,
            };
        }

        public TableReport ToReport()
        {
            var seconds = Math.Max(0, (FinishedUtc - StartedUtc).TotalSeconds);
            return new TableReport(Work.Name, Rows, Bytes, ChunksTotal, Math.Round(seconds, 3),
                seconds > 0 ? Math.Round(Rows / seconds, 1) : Rows);
        }
    }
}
