namespace FlexMigrate.Azure.Arm;

/// <summary>What an <see cref="AzureChange"/> changed.</summary>
public enum AzureChangeKind
{
    /// <summary>A server parameter; <see cref="AzureChange.Setting"/> is its name.</summary>
    Parameter,

    /// <summary>The compute SKU; values are <see cref="AzureSku"/> strings such as "Standard_D4ds_v4 (GeneralPurpose)".</summary>
    Sku,

    /// <summary>The server's running state; values are "Ready" or "Stopped".</summary>
    State,
}

/// <summary>
/// One change FlexMigrate makes (or plans to make) to an Azure server, with the value before and after. The migration
/// report lists these, and <see cref="AzureServerTuner.RestoreAsync"/> undoes exactly these on success, failure or cancel.
/// </summary>
/// <param name="ResourceId">The server's ARM id.</param>
/// <param name="Setting">Parameter name, "sku" or "state".</param>
public sealed record AzureChange(string ResourceId, AzureChangeKind Kind, string Setting, string Before, string After)
{
    /// <summary>The change that undoes this one.</summary>
    public AzureChange Reversed() => this with { Before = After, After = Before };

    public override string ToString()
    {
        var server = ResourceId[(ResourceId.LastIndexOf('/') + 1)..];
        return $"{server}: {Setting} '{Before}' -> '{After}'";
    }
}
