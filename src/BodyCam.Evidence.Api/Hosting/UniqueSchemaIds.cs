using System.Collections.Concurrent;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;

namespace BodyCam.Evidence.Api.Hosting;

/// <summary>
/// Names the OpenAPI document's schemas as ASP.NET Core does, after their types, but never gives one name to two
/// types: two request bodies both named <c>RequestBody</c> once shared one schema, and one endpoint was documented
/// with the other's fields. A second type claiming a name stops the document from being served instead.
/// </summary>
internal sealed class UniqueSchemaIds
{
    private readonly ConcurrentDictionary<string, Type> _owners = new(StringComparer.Ordinal);

    public string? For(JsonTypeInfo typeInfo)
    {
        var id = OpenApiOptions.CreateDefaultSchemaReferenceId(typeInfo);
        if (id is not null && _owners.GetOrAdd(id, typeInfo.Type) is var owner && owner != typeInfo.Type)
        {
            throw new InvalidOperationException(
                $"The OpenAPI schema '{id}' would describe both {owner.FullName} and {typeInfo.Type.FullName}: rename one of them.");
        }
        return id;
    }
}
