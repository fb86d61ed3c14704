using System.Text.RegularExpressions;
using FlexMigrate.Orchestration.Contracts;

namespace FlexMigrate.Functions.Http;

/// <summary>
/// Checks the "azure" part of a start body before anything runs: resource ids must have the exact shape of an Azure
/// Database for MySQL server id (Single Server or Flexible Server as source, Flexible Server as target), and the
/// options that act on a server need that server's id. Errors are keyed "azure.&lt;field&gt;".
/// </summary>
internal static partial class AzureOptionsValidator
{
    private const string Example = "/subscriptions/<subscription id>/resourceGroups/<group>/providers/Microsoft.DBforMySQL/flexibleServers/<name>";

    public static AzureMigrationOptions? Validate(StartMigrationAzureBody? body, bool online, Dictionary<string, string> errors)
    {
        if (body is null)
        {
            return null;
        }

        CheckId(errors, "azure.sourceResourceId", body.SourceResourceId, allowSingleServer: true);
        CheckId(errors, "azure.targetResourceId", body.TargetResourceId, allowSingleServer: false);
        var hasTarget = !string.IsNullOrWhiteSpace(body.TargetResourceId);
        if (body.TuneTarget == true && !hasTarget)
        {
            errors["azure.tuneTarget"] = "Tuning needs the target's resource id: set azure.targetResourceId.";
        }

        if (body.ScaleTargetSku is { } sku)
        {
            if (!hasTarget)
            {
                errors["azure.scaleTargetSku"] = "Scaling needs the target's resource id: set azure.targetResourceId.";
            }
            else if (!SkuPattern().IsMatch(sku))
            {
                errors["azure.scaleTargetSku"] = $"'{sku}' is not a Flexible Server SKU: give a name such as \"Standard_D8ds_v4\" or \"Standard_D8ds_v4 (GeneralPurpose)\".";
            }
        }

        if (body.StopSourceAfterCutover == true)
        {
            if (string.IsNullOrWhiteSpace(body.SourceResourceId))
            {
                errors["azure.stopSourceAfterCutover"] = "Stopping the source needs its resource id: set azure.sourceResourceId.";
            }
            else if (!online)
            {
                errors["azure.stopSourceAfterCutover"] = "Only an online migration has a cutover after which the source is stopped; use mode \"online\" or stop the source yourself.";
            }
        }

        return new AzureMigrationOptions(
            Trim(body.SourceResourceId), Trim(body.TargetResourceId), body.TuneTarget ?? false, Trim(body.ScaleTargetSku), body.StopSourceAfterCutover ?? false);
    }

    private static void CheckId(Dictionary<string, string> errors, string field, string? id, bool allowSingleServer)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return;
        }

        var match = ServerIdPattern().Match(id.Trim());
        if (!match.Success)
        {
            errors[field] = $"Not an Azure Database for MySQL server id; copy it from the server's JSON view in the portal ({Example}).";
        }
        else if (!allowSingleServer && match.Groups["type"].Value.Equals("servers", StringComparison.OrdinalIgnoreCase))
        {
            errors[field] = $"The target must be a Flexible Server (Microsoft.DBforMySQL/flexibleServers), not a Single Server: {Example}.";
        }
    }

    private static string? Trim(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    // Resource group names: 1-90 of letters, digits, '_', '-', '.', '(', ')', not ending in '.'; server names: 3-63 of
    // lower-case letters, digits and '-' (https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules).
    [GeneratedRegex(
        @"^/subscriptions/[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/resourceGroups/[\w\-.()]{0,89}[\w\-()]" +
        @"/providers/Microsoft\.DBforMySQL/(?<type>servers|flexibleServers)/[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ServerIdPattern();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_]{2,63}( \([A-Za-z]+\))?$", RegexOptions.CultureInvariant)]
    private static partial Regex SkuPattern();
}
