using System.Globalization;
using FlexMigrate.Core.Throttling;

namespace FlexMigrate.Cli.Commands;

/// <summary>
/// Reads the throttle options of `migrate` (docs/throttling.md) into <see cref="ThrottleSettings"/>. The replicas are
/// given as connection strings; the migration only ever sees the names replica1, replica2, ... (no password in
/// durable history or status), which <see cref="Connections"/> maps back for this process.
/// </summary>
internal sealed record ThrottleOptions(ThrottleSettings? Settings, IReadOnlyDictionary<string, string> Connections)
{
    public const string Usage = """
        Throttling (docs/throttling.md; change them while it runs with `flexmigrate control <migration-id> set name=value`):
          --max-rows-per-second <n>      Copy and replay together write at most n rows per second.
          --max-source-load <Var=n,...>  Hold back while a source global status counter is above n (e.g.
                                         Threads_running=25). No new chunk or batch starts; running ones finish.
          --max-target-load <Var=n,...>  The same for the target.
          --max-replica-lag <s>          Hold back while a replica of --throttle-replicas lags more than s seconds.
          --throttle-replicas <conn,...> Connection strings of the source's read replicas to watch.
          --critical-source-load <Var=n,...>  Hibernate above it: all work stops and no source connection is held
                                         for --critical-hibernate-seconds (default 60), then the load is looked at again.
        """;

    public static ThrottleOptions Read(CommandArguments args)
    {
        var replicas = args.List("--throttle-replicas");
        var lag = args.Option("--max-replica-lag");
        if ((lag is null) != (replicas.Count == 0))
        {
            throw new UsageException("--max-replica-lag and --throttle-replicas go together: the lag limit and the replicas it applies to.");
        }

        var names = replicas.Select((_, i) => string.Create(CultureInfo.InvariantCulture, $"replica{i + 1}")).ToList();
        var settings = new ThrottleSettings(
            MaxRowsPerSecond: args.Option("--max-rows-per-second") is null ? null : args.Int("--max-rows-per-second", 0, 1, int.MaxValue),
            MaxSourceLoad: Limits(args, "--max-source-load"),
            MaxTargetLoad: Limits(args, "--max-target-load"),
            MaxReplicaLagSeconds: lag is null ? null : args.Double("--max-replica-lag", 0, 0, 86_400),
            ThrottleReplicas: names.Count == 0 ? null : names,
            CriticalSourceLoad: Limits(args, "--critical-source-load"),
            CriticalHibernateSeconds: args.Int("--critical-hibernate-seconds", ThrottleSettings.DefaultHibernateSeconds, 1, 86_400));
        return new ThrottleOptions(settings.IsEmpty ? null : settings, names.Zip(replicas).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal));
    }

    private static IReadOnlyList<LoadLimit>? Limits(CommandArguments args, string option)
    {
        if (args.Option(option) is not { } text)
        {
            return null;
        }

        try
        {
            return LoadLimit.ParseList(text);
        }
        catch (FormatException ex)
        {
            throw new UsageException($"{option}: {ex.Message}");
        }
    }
}
