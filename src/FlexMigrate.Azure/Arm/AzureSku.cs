namespace FlexMigrate.Azure.Arm;

/// <summary>
/// A server's compute SKU, e.g. <c>Standard_D4ds_v4</c> in tier <c>GeneralPurpose</c> (Flexible Server) or
/// <c>GP_Gen5_4</c> in <c>GeneralPurpose</c> (Single Server). <see cref="ToString"/> and <see cref="Parse"/> round-trip,
/// which is how a SKU is kept in an <see cref="AzureChange"/>.
/// </summary>
public sealed record AzureSku(string Name, string Tier)
{
    /// <summary>Parses the <see cref="ToString"/> form "Name (Tier)"; a bare name means the tier is unknown (empty).</summary>
    public static AzureSku Parse(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var open = text.IndexOf(" (", StringComparison.Ordinal);
        if (open < 0)
        {
            return new AzureSku(text.Trim(), string.Empty);
        }

        if (!text.EndsWith(')'))
        {
            throw new FormatException($"'{text}' is not a SKU in the form 'Standard_D4ds_v4 (GeneralPurpose)'.");
        }

        return new AzureSku(text[..open], text[(open + 2)..^1]);
    }

    public override string ToString() => Tier.Length == 0 ? Name : $"{Name} ({Tier})";
}
