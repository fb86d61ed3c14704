using System.Reflection;
using FlexMigrate.Functions.Durable;
using FlexMigrate.Orchestration;
using Microsoft.Azure.Functions.Worker;

namespace FlexMigrate.Tests.Functions;

/// <summary>The Functions host can't run here, so this proves every durable task has its [Function] wrapper.</summary>
public class FunctionWrapperTests
{
    private static readonly Dictionary<string, MethodInfo> Functions = typeof(ActivityFunctions).Assembly.GetTypes()
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance))
        .Select(m => (Method: m, Attribute: m.GetCustomAttribute<FunctionAttribute>()))
        .Where(x => x.Attribute is not null)
        .ToDictionary(x => x.Attribute!.Name, x => x.Method);

    [Fact]
    public void Every_orchestrator_has_an_orchestration_trigger_wrapper_of_the_same_name()
    {
        foreach (var orchestrator in TaskCatalog.Orchestrators)
        {
            Assert.True(Functions.TryGetValue(orchestrator.Name, out var method), $"No [Function(\"{orchestrator.Name}\")] wrapper.");
            Assert.Contains(method!.GetParameters(), p => p.GetCustomAttribute<OrchestrationTriggerAttribute>() is not null);
        }
    }

    [Fact]
    public void Every_activity_has_an_activity_trigger_wrapper_with_its_input_and_output_types()
    {
        foreach (var activity in TaskCatalog.Activities)
        {
            Assert.True(Functions.TryGetValue(activity.Name, out var method), $"No [Function(\"{activity.Name}\")] wrapper.");
            var trigger = Assert.Single(method!.GetParameters(), p => p.GetCustomAttribute<ActivityTriggerAttribute>() is not null);
            var generic = activity.BaseType!.GetGenericArguments();
            Assert.Equal(generic[0], trigger.ParameterType);
            Assert.Equal(typeof(Task<>).MakeGenericType(generic[1]), method.ReturnType);
        }
    }

    [Fact]
    public void Wrappers_exist_only_for_registered_tasks_and_http_routes()
    {
        var tasks = TaskCatalog.Orchestrators.Concat(TaskCatalog.Activities).Select(t => t.Name).ToHashSet();
        var strays = Functions
            .Where(f => !tasks.Contains(f.Key))
            .Where(f => !f.Value.GetParameters().Any(p => p.GetCustomAttributes().Any(a => a.GetType().Name is "HttpTriggerAttribute" or "QueueTriggerAttribute")))
            .Select(f => f.Key)
            .ToList();
        Assert.Empty(strays);
    }
}
