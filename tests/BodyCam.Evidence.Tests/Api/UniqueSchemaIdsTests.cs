using System.Text.Json;
using BodyCam.Evidence.Api.Hosting;

namespace BodyCam.Evidence.Tests.Api;

public sealed class UniqueSchemaIdsTests
{
    [Test]
    public void A_type_keeps_its_own_name()
    {
        var ids = new UniqueSchemaIds();

        Assert.That(ids.For(TypeInfo<First.Body>()), Is.EqualTo("Body"));
        Assert.That(ids.For(TypeInfo<First.Body>()), Is.EqualTo("Body"));
    }

    [Test]
    public void Two_types_of_one_name_never_share_a_schema()
    {
        var ids = new UniqueSchemaIds();
        ids.For(TypeInfo<First.Body>());

        var collision = Assert.Throws<InvalidOperationException>(() => ids.For(TypeInfo<Second.Body>()));

        Assert.That(collision.Message, Does.Contain("First+Body").And.Contain("Second+Body"));
    }

    private static System.Text.Json.Serialization.Metadata.JsonTypeInfo TypeInfo<T>() => JsonSerializerOptions.Web.GetTypeInfo(typeof(T));

    private static class First
    {
        public sealed record Body(string Reason);
    }

    private static class Second
    {
        public sealed record Body(Guid EvidenceId, string Purpose);
    }
}
