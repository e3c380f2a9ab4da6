using Mono.Cecil;

namespace BodyCam.Evidence.Tests.Architecture;

/// <summary>
/// Dependencies point one way: Features use Domain and Infrastructure; Infrastructure uses Domain only; Domain uses
/// nothing of ours. Read from the built assembly, so that a use the source hides (a lambda, an async state machine,
/// a generic argument, a call inside a method body) counts as much as a using directive. The composition root
/// (<c>EvidenceServices</c> and <c>EvidenceSettings</c>, in the assembly's root namespace) binds every layer and may
/// use all of them, which is why Infrastructure may not use it either. The verification library is no layer: it has
/// no server dependencies and every layer may use it as it would a package.
/// </summary>
public sealed class DependencyDirectionTests
{
    private const string Root = "BodyCam.Evidence";
    private const string Domain = Root + ".Domain";
    private const string Infrastructure = Root + ".Infrastructure";
    private const string Features = Root + ".Features";
    private const string Verification = Root + ".Verification";

    private static readonly Lazy<IReadOnlyList<Use>> Uses = new(ReadUses);

    [Test]
    public void Domain_uses_nothing_of_ours_outside_the_domain()
    {
        var outward = Uses.Value.Where(use => In(use.User, Domain) && Ours(use.Used) && !In(use.Used, Domain) && !In(use.Used, Verification));

        Assert.That(outward.Select(use => use.ToString()).Distinct(), Is.Empty);
    }

    [Test]
    public void Infrastructure_uses_the_domain_and_nothing_of_the_features_or_the_composition_root()
    {
        var upward = Uses.Value.Where(use => In(use.User, Infrastructure) && (In(use.Used, Features) || use.Used == Root));

        Assert.That(upward.Select(use => use.ToString()).Distinct(), Is.Empty);
    }

    [Test]
    public void The_scan_sees_uses_inside_method_bodies()
    {
        // Ingestion's handlers restore an upload's running hash with Infrastructure's ResumableSha256 in their bodies.
        Assert.That(Uses.Value, Has.Some.Matches<Use>(use => In(use.User, Features) && use.UsedType.EndsWith(".ResumableSha256", StringComparison.Ordinal)));
        Assert.That(Uses.Value, Has.Some.Matches<Use>(use => In(use.User, Infrastructure) && In(use.Used, Domain)));
    }

    private static bool Ours(string @namespace) => @namespace == Root || @namespace.StartsWith(Root + ".", StringComparison.Ordinal);

    private static bool In(string @namespace, string layer) =>
        @namespace == layer || @namespace.StartsWith(layer + ".", StringComparison.Ordinal);

    private static List<Use> ReadUses()
    {
        using var module = ModuleDefinition.ReadModule(typeof(EvidenceServices).Assembly.Location);
        var uses = new List<Use>();
        foreach (var type in module.GetTypes())
        {
            var user = Outermost(type);
            foreach (var used in UsedBy(type).SelectMany(Named))
            {
                var outermost = Outermost(used);
                uses.Add(new Use(user.Namespace, user.FullName, outermost.Namespace, outermost.FullName));
            }
        }
        return uses;
    }

    /// <summary>Every type named in the type's signatures, attributes and method bodies, as written (generic instances unexpanded).</summary>
    private static IEnumerable<TypeReference> UsedBy(TypeDefinition type)
    {
        if (type.BaseType is not null)
            yield return type.BaseType;
        foreach (var used in type.Interfaces.Select(i => i.InterfaceType)
            .Concat(Attributes(type))
            .Concat(type.GenericParameters.SelectMany(p => p.Constraints.Select(c => c.ConstraintType)))
            .Concat(type.Fields.SelectMany(f => Attributes(f).Prepend(f.FieldType)))
            .Concat(type.Properties.SelectMany(p => Attributes(p).Prepend(p.PropertyType)))
            .Concat(type.Events.Select(e => e.EventType))
            .Concat(type.Methods.SelectMany(UsedBy)))
        {
            yield return used;
        }
    }

    private static IEnumerable<TypeReference> UsedBy(MethodDefinition method)
    {
        foreach (var used in Signature(method)
            .Concat(Attributes(method))
            .Concat(method.Parameters.SelectMany(Attributes))
            .Concat(method.GenericParameters.SelectMany(p => p.Constraints.Select(c => c.ConstraintType)))
            .Concat(method.Overrides.SelectMany(Signature)))
        {
            yield return used;
        }
        if (!method.HasBody)
            yield break;
        foreach (var variable in method.Body.Variables)
            yield return variable.VariableType;
        foreach (var handler in method.Body.ExceptionHandlers.Where(h => h.CatchType is not null))
            yield return handler.CatchType;
        foreach (var instruction in method.Body.Instructions)
        {
            var used = instruction.Operand switch
            {
                TypeReference operand => [operand],
                MethodReference operand => Signature(operand),
                FieldReference operand => [operand.DeclaringType, operand.FieldType],
                CallSite operand => [operand.ReturnType, .. operand.Parameters.Select(p => p.ParameterType)],
                _ => [],
            };
            foreach (var type in used)
                yield return type;
        }
    }

    private static IEnumerable<TypeReference> Signature(MethodReference method) =>
        new[] { method.DeclaringType, method.ReturnType }
            .Concat(method.Parameters.Select(p => p.ParameterType))
            .Concat(method is GenericInstanceMethod generic ? generic.GenericArguments : []);

    private static IEnumerable<TypeReference> Attributes(ICustomAttributeProvider provider) =>
        provider.CustomAttributes.SelectMany(attribute => attribute.ConstructorArguments
            .Concat(attribute.Properties.Select(p => p.Argument))
            .Concat(attribute.Fields.Select(f => f.Argument))
            .Select(argument => argument.Value)
            .OfType<TypeReference>()
            .Prepend(attribute.AttributeType));

    /// <summary>The named types inside a reference: an array's element, a generic instance's definition and arguments.</summary>
    private static IEnumerable<TypeReference> Named(TypeReference type)
    {
        switch (type)
        {
            case GenericParameter:
                yield break;
            case GenericInstanceType generic:
                foreach (var named in generic.GenericArguments.Prepend(generic.ElementType).SelectMany(Named))
                    yield return named;
                yield break;
            case FunctionPointerType pointer:
                foreach (var named in pointer.Parameters.Select(p => p.ParameterType).Prepend(pointer.ReturnType).SelectMany(Named))
                    yield return named;
                yield break;
            case TypeSpecification specification:
                foreach (var named in Named(specification.ElementType))
                    yield return named;
                yield break;
            default:
                yield return type;
                yield break;
        }
    }

    /// <summary>A nested type (a lambda's closure, a state machine) belongs to the namespace of the type it is declared in.</summary>
    private static TypeReference Outermost(TypeReference type)
    {
        while (type.DeclaringType is not null)
            type = type.DeclaringType;
        return type;
    }

    private sealed record Use(string User, string UserType, string Used, string UsedType)
    {
        public override string ToString() => $"{UserType} uses {UsedType}";
    }
}
