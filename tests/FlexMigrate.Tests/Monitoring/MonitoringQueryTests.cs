using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using FlexMigrate.Orchestration.Logging;
using Microsoft.Extensions.Logging;

namespace FlexMigrate.Tests.Monitoring;

/// <summary>
/// Every query the Azure portal runs for FlexMigrate (the workbook, the alert rules in infra/monitoring, the examples
/// in docs/azure.md) reads only fields the worker logs: each event id it selects is a [LoggerMessage] event, and each
/// customDimensions field it reads is a named value of one of the events it selects, the migration scope's
/// MigrationId, or a field Application Insights adds itself (ApplicationInsightsFieldsTests shows the names).
/// A renamed log parameter or event id fails here instead of leaving an empty chart or a silent alert.
/// </summary>
public sealed partial class MonitoringQueryTests
{
    /// <summary>Fields the Application Insights logger adds to every trace, and the scope's.</summary>
    private static readonly string[] Always = ["EventId", "EventName", "CategoryName", "OriginalFormat", "MigrationId"];

    private static readonly Dictionary<string, HashSet<string>> Events = LoggedEvents();

    public static TheoryData<string> Queries()
    {
        var data = new TheoryData<string>();
        foreach (var (source, _) in AllQueries())
        {
            data.Add(source);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Queries))]
    public void The_query_reads_only_logged_fields_of_the_events_it_selects(string source)
    {
        var query = AllQueries().Single(q => q.Source == source).Query;
        var read = Field().Matches(query).Select(m => m.Groups["name"].Value).Distinct().ToList();
        Assert.NotEmpty(read);
        if (read.All(Always.Contains))
        {
            // Only what every line carries (e.g. all lines of one migration): no event needs selecting.
            return;
        }

        var selected = EventIdFilter().Matches(query).SelectMany(m => Regex.Matches(m.Groups["ids"].Value, "\\d+").Select(x => x.Value)).Distinct().ToList();
        Assert.True(selected.Count > 0, $"{source} reads customDimensions without selecting events by customDimensions.EventId:\n{query}");
        Assert.All(selected, id => Assert.True(Events.ContainsKey(id), $"{source} selects event {id}, which no [LoggerMessage] defines (known: {string.Join(", ", Events.Keys.Order())})."));

        var logged = selected.SelectMany(id => Events[id]).Concat(Always).ToHashSet(StringComparer.Ordinal);
        Assert.All(read, field => Assert.True(logged.Contains(field),
            $"{source} reads customDimensions.{field}, which events {string.Join(", ", selected)} do not log (they log {string.Join(", ", logged.Order())})."));
    }

    [Fact]
    public void The_workbook_and_all_three_alerts_are_checked()
    {
        var sources = AllQueries().Select(q => q.Source).ToList();

        Assert.Equal(8, sources.Count(s => s.StartsWith("workbook.json", StringComparison.Ordinal)));
        Assert.Contains("alert-migration-failed.kql", sources);
        Assert.Contains("alert-replication-lag.kql", sources);
        Assert.Contains("alert-cutover-undone.kql", sources);
        Assert.Contains(sources, s => s.StartsWith("docs/azure.md", StringComparison.Ordinal));
    }

    [Fact]
    public void The_alerts_select_the_failure_lag_and_undone_cutover_events()
    {
        Assert.Equal("MigrationFailed", EventName(103));
        Assert.Equal("ReplicationBatchApplied", EventName(105));
        Assert.Equal("CutoverUndone", EventName(107));
        Assert.Contains("\"103\"", Read("infra/monitoring/alert-migration-failed.kql"), StringComparison.Ordinal);
        Assert.Contains("\"105\"", Read("infra/monitoring/alert-replication-lag.kql"), StringComparison.Ordinal);
        Assert.Contains("\"107\"", Read("infra/monitoring/alert-cutover-undone.kql"), StringComparison.Ordinal);
        // The Bicep puts the threshold in; the file keeps the placeholder.
        Assert.Contains("{lagThresholdSeconds}", Read("infra/monitoring/alert-replication-lag.kql"), StringComparison.Ordinal);
        Assert.Contains("replace(loadTextContent('monitoring/alert-replication-lag.kql'), '{lagThresholdSeconds}'", Read("infra/monitoring.bicep"), StringComparison.Ordinal);
    }

    /// <summary>Event id -> the named values of its message template, from every [LoggerMessage] in the product.</summary>
    private static Dictionary<string, HashSet<string>> LoggedEvents()
    {
        var events = new Dictionary<string, HashSet<string>>();
        var assemblies = new[] { typeof(MigrationLogs).Assembly, typeof(FlexMigrate.Functions.Http.DashboardHttp).Assembly, typeof(FlexMigrate.Core.UserActionRequiredException).Assembly };
        foreach (var method in assemblies.SelectMany(a => a.GetTypes()).SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)))
        {
            if (method.GetCustomAttribute<LoggerMessageAttribute>() is { } attribute)
            {
                var id = attribute.EventId.ToString(System.Globalization.CultureInfo.InvariantCulture);
                Assert.False(events.ContainsKey(id), $"Event id {id} is defined twice.");
                events[id] = Placeholder().Matches(attribute.Message).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
            }
        }

        return events;
    }

    private static string EventName(int id) => typeof(MigrationLogs).GetMethods()
        .Single(m => m.GetCustomAttribute<LoggerMessageAttribute>()?.EventId == id).Name;

    private static IEnumerable<(string Source, string Query)> AllQueries()
    {
        using var workbook = JsonDocument.Parse(Read("infra/monitoring/workbook.json"));
        foreach (var item in workbook.RootElement.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("type").GetInt32() == 3))
        {
            yield return ($"workbook.json: {item.GetProperty("content").GetProperty("title").GetString()}", item.GetProperty("content").GetProperty("query").GetString()!);
        }

        foreach (var file in Directory.GetFiles(Path.Combine(Root, "infra", "monitoring"), "*.kql").Order(StringComparer.Ordinal))
        {
            yield return (Path.GetFileName(file), File.ReadAllText(file));
        }

        var docs = Read("docs/azure.md");
        var n = 0;
        foreach (Match block in KustoBlock().Matches(docs))
        {
            foreach (var statement in Regex.Split(block.Groups[1].Value, @"\n\s*\n|\n(?=\s*(traces|exceptions|requests)\b)").Where(s => s.Contains("customDimensions", StringComparison.Ordinal)))
            {
                yield return ($"docs/azure.md query {++n}", statement);
            }
        }
    }

    private static string Root { get; } = FindRoot();

    private static string Read(string relative) => File.ReadAllText(Path.Combine(Root, relative));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Functions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("No Functions.sln above the test binaries.");
    }

    [GeneratedRegex(@"customDimensions\.EventId\)?\s*(==|in)\s*\(?(?<ids>""\d+""(\s*,\s*""\d+"")*)")]
    private static partial Regex EventIdFilter();

    [GeneratedRegex(@"customDimensions(\.|\[['""])(?<name>[A-Za-z_]\w*)")]
    private static partial Regex Field();

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"```kusto\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex KustoBlock();
}
