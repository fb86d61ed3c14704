namespace FlexMigrate.Core.Precheck;

/// <summary>The report sections; rule ids start with the group name in lower case.</summary>
internal enum PrecheckGroup
{
    Connectivity,
    Privileges,
    Online,
    Compatibility,
    Capacity,
    Accounts,
}

/// <summary>Which servers a rule reads; a rule is skipped when one of them could not be reached.</summary>
[Flags]
internal enum PrecheckNeeds
{
    None = 0,
    Source = 1,
    Target = 2,
    Both = Source | Target,
}

/// <summary>
/// One check. Rules read the facts gathered once in <see cref="PrecheckContext"/> (and, for data rules, the
/// source through <see cref="ISourceData"/>) and return findings; they never write to a server.
/// </summary>
internal interface IPrecheckRule
{
    PrecheckGroup Group { get; }

    PrecheckNeeds Needs { get; }

    Task<IReadOnlyList<PrecheckFinding>> EvaluateAsync(PrecheckContext context, CancellationToken cancellationToken);
}

/// <summary>Base of rules that only look at the gathered facts (no data reads).</summary>
internal abstract class FactRule : IPrecheckRule
{
    public abstract PrecheckGroup Group { get; }

    public virtual PrecheckNeeds Needs => PrecheckNeeds.Both;

    public Task<IReadOnlyList<PrecheckFinding>> EvaluateAsync(PrecheckContext context, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<PrecheckFinding>>(Evaluate(context).ToList());

    protected abstract IEnumerable<PrecheckFinding> Evaluate(PrecheckContext context);
}
