using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Pipeline;

/// <summary>Declared retries for activities. Every activity is idempotent, so a retry never duplicates work.</summary>
internal static class RetryPolicies
{
    /// <summary>
    /// Retries failures that a second attempt can cure (lost connections, timeouts, deadlocks); a failure that
    /// needs the user (a rejected object, a missing privilege) is reported at once instead of three times.
    /// </summary>
    public static TaskOptions Transient { get; } = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 4,
        firstRetryInterval: TimeSpan.FromSeconds(1),
        backoffCoefficient: 2)
    {
        HandleFailure = failure => !failure.IsCausedBy<Core.UserActionRequiredException>(),
    });
}
