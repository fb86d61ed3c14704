using System.Diagnostics;
using FlexMigrate.Core.Precheck.Rules.Accounts;
using FlexMigrate.Core.Testing;

namespace FlexMigrate.Core.Precheck;

/// <summary>
/// Runs every precheck rule against a source/target pair and returns one report. Never throws for server problems:
/// an unreachable server, a refused login or an unreadable catalog is an error finding naming the server, and the
/// rules that need that server are skipped (counted in a "connectivity.rules-skipped" info finding).
/// Read-only: it runs SELECT/SHOW statements only.
/// </summary>
public sealed class PrecheckRunner
{
    /// <summary>Per rule, at most this many findings are listed; the rest are summed up in one more finding.</summary>
    public const int MaxFindingsPerRule = 50;

    private readonly IReadOnlyList<IPrecheckRule> _rules;

    public PrecheckRunner()
        : this(PrecheckRules.All)
    {
    }

    internal PrecheckRunner(IReadOnlyList<IPrecheckRule> rules) => _rules = rules;

    /// <exception cref="OperationCanceledException">Cancelled through <paramref name="cancellationToken"/>.</exception>
    public async Task<PrecheckReport> RunAsync(PrecheckRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await PausePoint.ReachAsync("precheck", cancellationToken);
        var clock = Stopwatch.StartNew();
        var findings = new List<PrecheckFinding>();
        await using var source = await ServerConnector.OpenAsync("source", request.SourceConnectionString, findings, cancellationToken);
        await using var target = await ServerConnector.OpenAsync("target", request.TargetConnectionString, findings, cancellationToken);
        var sourceFacts = await ServerConnector.InspectAsync(source, request.Databases, request.SourceServerParameters, findings, cancellationToken);
        var targetDatabases = request.Databases.Concat(request.Databases.Select(d => d.ToLowerInvariant())).Distinct(StringComparer.Ordinal).ToList();
        var targetFacts = await ServerConnector.InspectAsync(target, targetDatabases, request.TargetServerParameters, findings, cancellationToken);
        var schema = SchemaFacts.Empty;
        if (sourceFacts is not null)
        {
            schema = await ServerConnector.ReadSchemaAsync(source!, request, findings, cancellationToken) ?? SchemaFacts.Empty;
        }

        var rate = request.CopyRate ?? CopyRate.Default;
        var capacity = CapacityEstimator.Estimate(schema, rate, request.TargetFreeStorageBytes);
        ISourceData data = source is null ? NoData.Instance : new SourceDataReader(source.Connection);
        var (accounts, unreadable) = sourceFacts is null || targetFacts is null ? (null, null) : await AccountsPlan.ReadAsync(request, cancellationToken);
        var context = new PrecheckContext(request, sourceFacts, targetFacts, schema, capacity, data) { Accounts = accounts, AccountsUnreadable = unreadable };
        await EvaluateRulesAsync(context, findings, cancellationToken);
        return new PrecheckReport(request.Mode, sourceFacts?.Version.Text, targetFacts?.Version.Text, Order(findings), capacity,
            Math.Round(clock.Elapsed.TotalSeconds, 2));
    }

    private async Task EvaluateRulesAsync(PrecheckContext context, List<PrecheckFinding> findings, CancellationToken cancellationToken)
    {
        var skipped = 0;
        foreach (var rule in _rules)
        {
            var available = (context.Source is null ? 0 : PrecheckNeeds.Source) | (context.Target is null ? 0 : PrecheckNeeds.Target);
            if ((rule.Needs & available) != rule.Needs)
            {
                skipped++;
                continue;
            }

            findings.AddRange(Cap(await rule.EvaluateAsync(context, cancellationToken)));
        }

        if (skipped > 0)
        {
            findings.Add(new PrecheckFinding("connectivity.rules-skipped", PrecheckSeverity.Info, "precheck",
                $"{skipped} of {_rules.Count} rules were not evaluated because a server could not be read.",
                "The report is incomplete until both servers can be reached.",
                "Fix the connectivity errors above and run the precheck again."));
        }
    }

    /// <summary>Keeps reports small: beyond <see cref="MaxFindingsPerRule"/> per rule, one finding counts the rest.</summary>
    private static IEnumerable<PrecheckFinding> Cap(IReadOnlyList<PrecheckFinding> findings) =>
        findings.GroupBy(f => f.Rule, StringComparer.Ordinal).SelectMany(g =>
        {
            var list = g.ToList();
            if (list.Count <= MaxFindingsPerRule)
            {
                return list;
            }

            var rest = list.Skip(MaxFindingsPerRule - 1).ToList();
            var summary = rest[0] with
            {
                Object = $"{rest.Count} more objects",
                Message = $"{rest.Count} more objects have the same problem, e.g. {string.Join(", ", rest.Take(5).Select(f => f.Object))}.",
            };
            return list.Take(MaxFindingsPerRule - 1).Append(summary);
        });

    private static List<PrecheckFinding> Order(IEnumerable<PrecheckFinding> findings) =>
        findings.OrderBy(f => f.Severity).ThenBy(f => f.Rule, StringComparer.Ordinal).ThenBy(f => f.Object, StringComparer.Ordinal).ToList();

    /// <summary>Stand-in when the source is unreachable; never called because data rules need the source.</summary>
    private sealed class NoData : ISourceData
    {
        public static NoData Instance { get; } = new();

        public Task<TableScan> ScanAsync(TableFacts table, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("The source is not connected.");
    }
}
