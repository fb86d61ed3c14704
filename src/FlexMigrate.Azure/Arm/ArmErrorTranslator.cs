using System.Globalization;
using Azure;

namespace FlexMigrate.Azure.Arm;

/// <summary>
/// Turns a failed Resource Manager response into an <see cref="AzureArmException"/> whose message says what failed,
/// on which resource, and what to do. ARM's own code and message are kept: they are what support and docs search on.
/// Codes: https://learn.microsoft.com/azure/azure-resource-manager/troubleshooting/common-deployment-errors
/// </summary>
internal static class ArmErrorTranslator
{
    /// <param name="operation">What was attempted, e.g. "read server" or "set parameter max_allowed_packet".</param>
    /// <param name="requiredAction">The RBAC action the call needs, named in 403 messages.</param>
    public static AzureArmException Translate(RequestFailedException failure, string operation, string resourceId, string requiredAction)
    {
        var code = string.IsNullOrEmpty(failure.ErrorCode) ? StatusCodeName(failure.Status) : failure.ErrorCode;
        var armMessage = FirstLine(failure.Message);
        var retryAfter = ReadRetryAfter(failure);
        var advice = failure.Status switch
        {
            0 => "No response from Resource Manager (network): check that this host reaches the ARM endpoint (management.azure.com) over HTTPS: proxy, firewall, DNS.",
            401 => "The credential's token was rejected: sign in again (az login) or check the managed identity is enabled on the app.",
            403 => $"The identity running FlexMigrate lacks permission '{requiredAction}'. Assign it a role that includes this action " +
                   "on the server or its resource group (Reader is enough for discovery; changes need Contributor or a custom role).",
            404 => "Check the subscription id, resource group and server name in the resource id, and that the identity's tenant sees that subscription.",
            409 => "Another operation is running on this server (scaling, restart, backup or a portal change). Wait until it finishes " +
                   "(portal: Activity log) and retry.",
            429 => $"Resource Manager throttled the requests and they were still throttled after retries{RetryAfterText(retryAfter)}. " +
                   "Retry later; reduce concurrent migrations in this subscription.",
            >= 500 => "Resource Manager or the MySQL resource provider failed; retry, and if it persists check Azure status for the region.",
            _ => "See the ARM error code and message.",
        };
        var message = $"Azure Resource Manager refused to {operation} on {resourceId}: HTTP {failure.Status} {code}: {armMessage} {advice}";
        return new AzureArmException(failure.Status, code, resourceId, message, failure) { RetryAfter = retryAfter };
    }

    public static AzureArmException Timeout(string operation, string resourceId, TimeSpan timeout) =>
        new(0, "OperationTimedOut", resourceId,
            $"The Azure operation to {operation} on {resourceId} did not finish within {timeout}. It may still be running in Azure: " +
            "check the server's Activity log in the portal before retrying, or raise AzureArmOptions.OperationTimeout.");

    private static string StatusCodeName(int status) => status switch
    {
        0 => "NoResponse",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "NotFound",
        409 => "Conflict",
        429 => "TooManyRequests",
        _ => "Http" + status.ToString(CultureInfo.InvariantCulture),
    };

    // RequestFailedException's message appends the whole response (status, headers, content) after the first line.
    private static string FirstLine(string message)
    {
        var end = message.IndexOf('\n', StringComparison.Ordinal);
        return (end < 0 ? message : message[..end]).Trim();
    }

    private static TimeSpan? ReadRetryAfter(RequestFailedException failure)
    {
        var response = failure.GetRawResponse();
        if (response is null || !response.Headers.TryGetValue("Retry-After", out var value))
        {
            return null;
        }

        return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : null;
    }

    private static string RetryAfterText(TimeSpan? retryAfter) =>
        retryAfter is { } wait ? $" (Retry-After: {wait.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s)" : string.Empty;
}
