namespace FlexMigrate.Core.Validation;

/// <summary>A statement and its named parameters (all values are encoded text).</summary>
internal sealed record SqlQuery(string Text, IReadOnlyList<KeyValuePair<string, string>> Parameters)
{
    public SqlQuery(string text)
        : this(text, [])
    {
    }
}
