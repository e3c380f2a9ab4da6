using Azure.Storage.Blobs;
using BodyCam.Evidence.Infrastructure;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Jobs;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using BodyCam.Evidence.Infrastructure.Problems;
using BodyCam.Evidence.Infrastructure.Storage;
using FluentValidation;
using Hangfire;
using Hangfire.PostgreSql;
using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BodyCam.Evidence;

public static class EvidenceServices
{
    public const string AdminPolicy = "Admin";
    private const string CallerScheme = "Caller";

    /// <summary>Everything but the web host: database, blob store, mediator pipeline, identity and jobs.</summary>
    public static IServiceCollection AddEvidence(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = EvidenceSettings.From(configuration);
        services.AddSingleton(settings);
        services.TryAddSingleton(TimeProvider.System);

        services.AddEvidenceDatabase(settings);
        services.AddSingleton<IBlobStore>(_ => CreateBlobStore(settings));

        services.AddMediator((MediatorOptions options) =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.PipelineBehaviors =
            [
                typeof(LoggingBehaviour<,>),
                typeof(ValidationBehaviour<,>),
                typeof(AuthorizationBehaviour<,>),
                typeof(TransactionBehaviour<,>),
            ];
        });
        services.AddValidatorsFromAssemblyContaining<EvidenceDb>(ServiceLifetime.Singleton, includeInternalTypes: true);

        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentActor, HttpCurrentActor>();
        services.AddSingleton(provider => new LocalTokenIssuer(settings.Identity, provider.GetRequiredService<TimeProvider>()));
        services.AddEvidenceAuthentication(settings.Identity);

        services.AddHangfire(hangfire =>
        {
            hangfire.UseSimpleAssemblyNameTypeSerializer().UseRecommendedSerializerSettings();
            switch (settings.Jobs)
            {
                case JobStorageProvider.PostgreSql:
                    hangfire.UsePostgreSqlStorage(postgres => postgres.UseNpgsqlConnection(settings.DatabaseConnection));
                    break;
                default:
                    hangfire.UseInMemoryStorage();
                    break;
            }
        });
        services.AddScoped<ReconcileStuckWork>();

        services.AddProblemDetails(options => options.CustomizeProblemDetails = problem =>
            problem.ProblemDetails.Extensions["requestId"] = problem.HttpContext.TraceIdentifier);
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        services.AddHealthChecks()
            .AddDbContextCheck<EvidenceDb>("database", tags: ["ready"])
            .AddCheck<BlobStoreHealthCheck>("blob-store", tags: ["ready"]);
        return services;
    }

    public static IServiceCollection AddEvidenceDatabase(this IServiceCollection services, EvidenceSettings settings)
    {
        switch (settings.Database)
        {
            case DatabaseProvider.PostgreSql:
                services.AddDbContext<EvidenceDb, PostgreSqlEvidenceDb>(options => options
                    .UseNpgsql(settings.DatabaseConnection, npgsql => npgsql.EnableRetryOnFailure())
                    .UseSnakeCaseNamingConvention());
                break;
            default:
                var file = new SqliteConnectionStringBuilder(settings.DatabaseConnection).DataSource;
                if (Path.GetDirectoryName(Path.GetFullPath(file)) is { } folder)
                {
                    Directory.CreateDirectory(folder);
                }
                services.AddDbContext<EvidenceDb, SqliteEvidenceDb>(options => options
                    .UseSqlite(settings.DatabaseConnection)
                    .UseSnakeCaseNamingConvention());
                break;
        }
        return services;
    }

    private static IBlobStore CreateBlobStore(EvidenceSettings settings) => settings.Storage switch
    {
        StorageProvider.AzureBlob => new AzureBlobStore(
            new BlobServiceClient(settings.BlobConnection
                ?? throw new InvalidOperationException("ConnectionStrings:Blobs is required when Storage:Provider is AzureBlob."))
            .GetBlobContainerClient(settings.BlobContainer)),
        _ => new FileSystemBlobStore(settings.StorageRoot),
    };

    private static void AddEvidenceAuthentication(this IServiceCollection services, IdentitySettings identity)
    {
        services.AddAuthentication(CallerScheme)
            .AddPolicyScheme(CallerScheme, "Bearer token or dock key", options =>
                options.ForwardDefaultSelector = context => context.Request.Headers.ContainsKey(DockKeyAuthenticationHandler.HeaderName)
                    ? DockKeyAuthenticationHandler.SchemeName
                    : JwtBearerDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, DockKeyAuthenticationHandler>(DockKeyAuthenticationHandler.SchemeName, null)
            .AddJwtBearer(options =>
            {
                options.MapInboundClaims = false;
                options.Audience = identity.Audience;
                options.TokenValidationParameters.NameClaimType = EvidenceClaims.Subject;
                options.TokenValidationParameters.RoleClaimType = EvidenceClaims.Role;
                if (identity.UsesLocalIssuer)
                {
                    options.TokenValidationParameters.ValidIssuer = LocalSigningKey.Issuer;
                    options.TokenValidationParameters.IssuerSigningKey = LocalSigningKey.LoadOrCreate(identity.LocalSigningKeyPath);
                }
                else
                {
                    options.Authority = identity.Authority;
                }
            });
        services.AddAuthorizationBuilder().AddPolicy(AdminPolicy, policy => policy.RequireRole(Roles.Admin));
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, CustodyRecordingAuthorizationResultHandler>();
    }
}
