namespace FlexMigrate.Core.Precheck.Rules.Capacity;

/// <summary>
/// capacity.target-storage (error): the target's free storage, when known (e.g. from Azure Resource Manager), is
/// below the source size plus 25 % for index build space, binlogs and growth during an online migration.
/// </summary>
internal sealed class TargetStorageRule : FactRule
{
    public const string Id = "capacity.target-storage";
    public const double Headroom = 1.25;

    public override PrecheckGroup Group => PrecheckGroup.Capacity;

    public override PrecheckNeeds Needs => PrecheckNeeds.Source;

    protected override IEnumerable<PrecheckFinding> Evaluate(PrecheckContext context)
    {
        var c = context.Capacity;
        var needed = (long)(c.TotalBytes * Headroom);
        if (c.TargetFreeStorageBytes is { } free && needed > free)
        {
            yield return new PrecheckFinding(Id, PrecheckSeverity.Error, "target",
                $"The target has {PrecheckText.Bytes(free)} free; the data to copy is {PrecheckText.Bytes(c.TotalBytes)} and needs about {PrecheckText.Bytes(needed)} with headroom.",
                "The copy would fail when the disk fills (and Azure sets a full server read-only).",
                $"Grow the target's storage to at least {Math.Ceiling(needed / 1073741824.0)} GiB more than it uses now " +
                "(az mysql flexible-server update --storage-size <GiB>) or enable storage auto-grow.");
        }
    }
}
