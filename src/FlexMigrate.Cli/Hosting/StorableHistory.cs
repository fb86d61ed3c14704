using DurableTask.Core;
using DurableTask.Core.History;

namespace FlexMigrate.Cli.Hosting;

/// <summary>
/// Turns the few history objects the in-process gRPC sidecar creates in its own shapes into DurableTask.Core's plain
/// types before the Azure Storage provider persists them. Seen against Azurite: the sidecar's
/// <c>GrpcSubOrchestrationInstanceCreatedEvent</c> (a subclass without [DataContract]) was written to the History
/// table with no properties at all, and a sub-orchestration's start message carried its tags as a protobuf
/// <c>MapField</c>, which the provider's JSON reader could not rebuild, so the validation sub-orchestration never
/// started. The in-memory service keeps objects as they are and never meets either.
/// </summary>
internal static class StorableHistory
{
    public static void Normalize(OrchestrationRuntimeState? state, IEnumerable<TaskMessage> orchestratorMessages)
    {
        if (state is not null)
        {
            ReplaceSubclassedEvents(state.Events);
            ReplaceSubclassedEvents(state.NewEvents);
        }

        foreach (var message in orchestratorMessages)
        {
            if (message.Event is ExecutionStartedEvent started && started.Tags is { } tags && tags is not Dictionary<string, string>)
            {
                started.Tags = new Dictionary<string, string>(tags);
            }
        }
    }

    private static void ReplaceSubclassedEvents(IList<HistoryEvent> events)
    {
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i] is SubOrchestrationInstanceCreatedEvent created && created.GetType() != typeof(SubOrchestrationInstanceCreatedEvent))
            {
                events[i] = new SubOrchestrationInstanceCreatedEvent(created.EventId)
                {
                    Name = created.Name,
                    Version = created.Version,
                    InstanceId = created.InstanceId,
                    Input = created.Input,
                    ClientSpanId = created.ClientSpanId,
                    Tags = created.Tags is null ? null : new Dictionary<string, string>(created.Tags),
                    Timestamp = created.Timestamp,
                    IsPlayed = created.IsPlayed,
                };
            }
        }
    }
}
