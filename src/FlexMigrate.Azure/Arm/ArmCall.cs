namespace FlexMigrate.Azure.Arm;

/// <summary>What a request does, for error messages: the verb phrase and the RBAC action it needs.</summary>
internal sealed record ArmCall(string Operation, string ResourceId, string RequiredAction);
