namespace FlexMigrate.Azure.Arm;

/// <summary>
/// A Resource Manager call failed. Carries the HTTP status and ARM error code (e.g. AuthorizationFailed,
/// ResourceNotFound, Conflict, TooManyRequests) and a message naming the resource and what to do.
/// </summary>
public sealed class AzureArmException : Exception
{
    public AzureArmException()
    {
        ErrorCode = "Unknown";
        ResourceId = string.Empty;
    }

    public AzureArmException(string message)
        : base(message)
    {
        ErrorCode = "Unknown";
        ResourceId = string.Empty;
    }

    public AzureArmException(string message, Exception innerException)
        : base(message, innerException)
    {
        ErrorCode = "Unknown";
        ResourceId = string.Empty;
    }

    public AzureArmException(int status, string errorCode, string resourceId, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Status = status;
        ErrorCode = errorCode;
        ResourceId = resourceId;
    }

    /// <summary>HTTP status of the failing response; 0 when no response decided the failure (e.g. a timeout).</summary>
    public int Status { get; }

    /// <summary>ARM error code from the response body (<c>error.code</c>), or a FlexMigrate code such as OperationTimedOut.</summary>
    public string ErrorCode { get; }

    /// <summary>The resource the failing call addressed.</summary>
    public string ResourceId { get; }

    /// <summary>For 429: the server's Retry-After, so a caller (e.g. a durable retry policy) can wait that long.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
