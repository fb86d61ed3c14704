using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration;

/// <summary>Reading durable failures the way a user needs them.</summary>
public static class FailureDetailsExtensions
{
    /// <summary>
    /// The failing activity's own exception (the engine's message naming server, object and fix), not the durable
    /// wrappers around it ("Task 'X' (#5) failed with an unhandled exception: ...").
    /// </summary>
    public static TaskFailureDetails? Innermost(this TaskFailureDetails? failure)
    {
        while (failure?.InnerFailure is not null)
        {
            failure = failure.InnerFailure;
        }

        return failure;
    }
}
