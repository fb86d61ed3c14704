using Microsoft.DurableTask;

namespace FlexMigrate.Functions.Durable;

/// <summary>The activity context handed to class-based activities when the Functions host invokes them.</summary>
internal sealed class FunctionActivityContext(TaskName name, string instanceId) : TaskActivityContext
{
    public override TaskName Name { get; } = name;

    public override string InstanceId { get; } = instanceId;
}
