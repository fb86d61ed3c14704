using FlexMigrate.Cli.Commands;
using FlexMigrate.Cli.Migration;
using FlexMigrate.Core.Ledger;
using FlexMigrate.Orchestration.Contracts;

namespace FlexMigrate.Tests.Cli;

public sealed class ResumeOptionsTests
{
    private static readonly MigrationRequest Recorded = new("source", "target", ["shop", "crm"], [], ["shop.tmp"],
        new MigrationOptions(Mode: MigrationMode.Online, Parallelism: 4, ChunkRows: 5000));

    private static ResumeOverrides Read(params string[] args) => ResumeOverrides.Read(new CommandArguments(args));

    [Fact]
    public void Without_options_the_recorded_request_is_resumed_under_its_migration_id()
    {
        var request = Read().ApplyTo(Recorded, "migration-1");

        Assert.Equal(Recorded with { MigrationId = "migration-1" }, request);
    }

    [Fact]
    public void Speed_and_checks_may_change_and_repeated_equal_options_are_accepted()
    {
        var request = Read("--parallelism", "12", "--no-validate", "--databases", "crm,shop", "--mode", "online", "--chunk-rows", "5000")
            .ApplyTo(Recorded, "migration-1");

        Assert.Equal(12, request.Options.Parallelism);
        Assert.False(request.Options.Validate);
        Assert.Equal(5000, request.Options.ChunkRows);
    }

    [Fact]
    public void A_repeated_option_that_differs_is_refused_naming_each_difference()
    {
        var refused = Assert.Throws<UsageException>(() =>
            Read("--databases", "shop", "--mode", "offline", "--keep-engines", "--chunk-rows", "100").ApplyTo(Recorded, "migration-1"));

        Assert.Equal(
            "Migration migration-1 was recorded with other options, so resume refuses: --mode: recorded online, now offline; "
            + "--databases: recorded shop,crm, now shop; --chunk-rows: recorded 5000, now 100; --keep-engines: recorded false, now true. "
            + "Leave these options out (resume uses the recorded ones), or start a new migration.",
            refused.Message);
    }

    [Fact]
    public void Without_an_id_the_single_unfinished_migration_is_chosen_and_several_are_listed()
    {
        var done = Entry("migration-a", LedgerStatus.Succeeded);
        var failed = Entry("migration-b", LedgerStatus.Failed);
        var stopped = Entry("migration-c", LedgerStatus.Running);

        Assert.Same(failed, ResumeSelection.Choose([done, failed], null, "t:3306"));
        var several = Assert.Throws<UsageException>(() => ResumeSelection.Choose([done, failed, stopped], null, "t:3306"));
        Assert.StartsWith("The target t:3306 has 2 unfinished migrations; name the one to resume", several.Message, StringComparison.Ordinal);
        Assert.Contains("migration-b  failed", several.Message, StringComparison.Ordinal);
        Assert.Contains("migration-c  running", several.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("migration-a", several.Message, StringComparison.Ordinal);
        Assert.Contains("already finished (Succeeded", Assert.Throws<UsageException>(() => ResumeSelection.Choose([done], "migration-a", "t:3306")).Message,
            StringComparison.Ordinal);
        Assert.Contains("has no migration migration-x", Assert.Throws<UsageException>(() => ResumeSelection.Choose([done], "migration-x", "t:3306")).Message,
            StringComparison.Ordinal);
        Assert.Contains("nothing to resume", Assert.Throws<UsageException>(() => ResumeSelection.Choose([], null, "t:3306")).Message, StringComparison.Ordinal);
    }

    private static LedgerEntry Entry(string id, LedgerStatus status)
    {
        var server = new ServerIdentity("h:3306", null, 1, "h", 3306);
        return new LedgerEntry(id, "offline", new MigrationIdentity(server, server, new MigrationScope("offline", ["shop"], [], [], new Dictionary<string, string>())),
            "{}", "CopyingData", status, new DateTime(2026, 12, 7, 1, 0, 0, DateTimeKind.Utc), new DateTime(2026, 12, 7, 2, 0, 0, DateTimeKind.Utc));
    }
}
