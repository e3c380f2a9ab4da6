using Azure.Identity;
using Azure.Storage.Blobs;
using BodyCam.Evidence.Features;
using BodyCam.Evidence.Features.Console;
using BodyCam.Evidence.Features.Exports;
using BodyCam.Evidence.Features.Identity;
using BodyCam.Evidence.Features.Ingestion;
using BodyCam.Evidence.Features.Ingestion.Tus;
using BodyCam.Evidence.Features.Playback;
using BodyCam.Evidence.Features.Retention;
using BodyCam.Evidence.Features.StuckWork;
using BodyCam.Evidence.Infrastructure;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Ledger;
using BodyCam.Evidence.Infrastructure.Media;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using BodyCam.Evidence.Infrastructure.Problems;
using BodyCam.Evidence.Infrastructure.Storage;
using BodyCam.Evidence.Infrastructure.Telemetry;
using FluentValidation;
using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Net.Http.Headers;

namespace BodyCam.Evidence;

public static class EvidenceServices
{
    public const string AdminPolicy = "Admin";
    public const string DockPolicy = "Dock";
    public const string AxisPolicy = "AxisDock";
    private const string CallerScheme = "Caller";

    /// <summary>Everything but the web host: database, blob store, mediator pipeline, identity and jobs.</summary>
    public static IServiceCollection AddEvidence(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = EvidenceSettings.From(configuration);
        services.AddSingleton(settings);
        services.AddSingleton(settings.Fixity);
        services.TryAddSingleton(TimeProvider.System);

        services.AddEvidenceDatabase(settings);
        services.AddSingleton<IBlobStore>(_ => CreateBlobStore(settings));
        services.AddSingleton<IBlobImmutability>(_ => settings.Retention.Immutability == ImmutabilityMode.Off
            ? new ImmutabilityOff()
            : new AzureBlobImmutability(CreateBlobService(settings).GetBlobContainerClient(settings.Storage.Container), settings.Retention.Immutability));

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
        // Failing fields are named as the client wrote them in JSON (camelCase); names a rule overrides, such as
        // a metadata key or a header, are kept as they are.
        ValidatorOptions.Global.PropertyNameResolver = (_, member, _) =>
            member is null ? null : System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(member.Name);

        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentActor, HttpCurrentActor>();
        services.AddSingleton(provider => new LocalTokenIssuer(settings.Identity, provider.GetRequiredService<TimeProvider>()));
        services.AddEvidenceAuthentication(settings.Identity);
        services.AddEvidenceConsole(settings.Console);

        services.AddHangfire(hangfire => hangfire.UseSimpleAssemblyNameTypeSerializer().UseRecommendedSerializerSettings());
        // Each host keeps its own job storage: Hangfire's default hands every host the process-wide JobStorage.Current,
        // so two hosts in one process (the tests' parallel servers) would take each other's jobs.
        services.Replace(ServiceDescriptor.Singleton<JobStorage>(_ => CreateJobStorage(settings)));
        RecurringJobs.AddTo(services);
        services.AddScoped<ProtectBlobJob>();
        services.AddScoped<RecomputeCategoryRetentionJob>();
        services.AddScoped<CutClipJob>();
        services.AddScoped<Features.Ledger.WitnessCheckpointJob>();
        services.AddScoped<BlobProtection>();
        services.AddScoped<ItemRetention>();
        services.AddSingleton(_ => LedgerSigningKey.LoadOrCreate(settings.Ledger));
        services.AddWitnessing(settings.Ledger.Witnessing);
        services.AddScoped<PostCommitWork>();
        ReconcileStuckWork.AddReconcilers(services);
        services.AddSingleton<UploadLocks>();
        services.AddScoped<UploadWriter>();
        services.AddSingleton<IngestionAdmission>();
        services.AddSingleton<ViewRecorder>();
        services.AddSingleton<IMediaProbe, FfprobeMediaProbe>();
        services.AddCors(cors => cors.AddPolicy(TusEndpoints.CorsPolicy, policy => policy
            .AllowAnyOrigin()
            .WithMethods(HttpMethods.Post, HttpMethods.Head, HttpMethods.Patch, HttpMethods.Delete, HttpMethods.Options)
            .WithHeaders(TusEndpoints.AllowedHeaders)
            .WithExposedHeaders(TusEndpoints.ExposedHeaders)
            .SetPreflightMaxAge(TimeSpan.FromDays(1))));

        services.AddProblemDetails(options => options.CustomizeProblemDetails = problem =>
            problem.ProblemDetails.Extensions["requestId"] = problem.HttpContext.TraceIdentifier);
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        services.AddHealthChecks()
            .AddDbContextCheck<EvidenceDb>("database", tags: ["ready"])
            .AddCheck<BlobStoreHealthCheck>("blob-store", tags: ["ready"]);
        services.AddEvidenceTelemetry(configuration);
        return services;
    }

    public static IServiceCollection AddEvidenceDatabase(this IServiceCollection services, EvidenceSettings settings)
    {
        services.AddSingleton<CustodyLogIntegration>();
        services.AddScoped<EvidenceMigrator>();
        services.TryAddSingleton(new LedgerNodeCache(settings.Ledger.TreeInMemoryFromLevel));
        // The options are built once: built per scope, as by default, they were a good part of each request's work.
        switch (settings.Database)
        {
            case DatabaseProvider.PostgreSql:
                services.AddDbContext<EvidenceDb, PostgreSqlEvidenceDb>(options => options
                    .UseNpgsql(settings.DatabaseConnection, npgsql => npgsql.EnableRetryOnFailure())
                    .UseSnakeCaseNamingConvention(), optionsLifetime: ServiceLifetime.Singleton);
                break;
            default:
                CreateOwnerOnlySqliteFile(settings.DatabaseConnection);
                services.AddDbContext<EvidenceDb, SqliteEvidenceDb>(options => options
                    .UseSqlite(settings.DatabaseConnection)
                    .AddInterceptors(new SqliteBusyWait())
                    .UseSnakeCaseNamingConvention(), optionsLifetime: ServiceLifetime.Singleton);
                break;
        }
        return services;
    }

    private static JobStorage CreateJobStorage(EvidenceSettings settings)
    {
        if (settings.Jobs != JobStorageProvider.PostgreSql)
        {
            return new InMemoryStorage();
        }
        // Hangfire's default of polling the queue every 15 s would keep a dock waiting that long for "Verified".
        // A lock row left by a killed process is taken over after DistributedLockTimeout; with the default
        // 10 min a server killed while scheduling could not register its recurring jobs on restart (it
        // waits 15 s). Hangfire's own locks are held for milliseconds, and this server takes no others.
        var options = new PostgreSqlStorageOptions
        {
            QueuePollInterval = TimeSpan.FromSeconds(1),
            DistributedLockTimeout = TimeSpan.FromSeconds(10),
        };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(settings.DatabaseConnection, options), options);
    }

    /// <summary>
    /// SQLite would create the database readable by every local user, and gives its -wal and -shm files the
    /// database's own mode; so an owner-only empty file (an empty database to SQLite) is there before it first opens it.
    /// </summary>
    private static void CreateOwnerOnlySqliteFile(string connectionString)
    {
        var connection = new SqliteConnectionStringBuilder(connectionString);
        if (connection.Mode != SqliteOpenMode.ReadWriteCreate || connection.DataSource is "" or ":memory:")
        {
            return;
        }
        var file = Path.GetFullPath(connection.DataSource);
        OwnerOnly.CreateFolder(Path.GetDirectoryName(file)!);
        if (!File.Exists(file))
        {
            OwnerOnly.OpenForWriting(file, FileMode.OpenOrCreate).Dispose();
        }
    }

    private static IBlobStore CreateBlobStore(EvidenceSettings settings) => settings.Storage.Provider switch
    {
        StorageProvider.AzureBlob => new AzureBlobStore(CreateBlobService(settings).GetBlobContainerClient(settings.Storage.Container)),
        _ => new FileSystemBlobStore(settings.Storage.Root),
    };

    /// <summary>
    /// A connection string wins; without one the account URL is reached as whoever the environment says the
    /// process is (a managed identity in Azure, a developer's az login elsewhere), so no account key is stored.
    /// </summary>
    private static BlobServiceClient CreateBlobService(EvidenceSettings settings) => (settings.Storage.Connection, settings.Storage.AccountUrl) switch
    {
        ({ } connection, _) => new BlobServiceClient(connection),
        (null, { } accountUrl) => new BlobServiceClient(accountUrl, new DefaultAzureCredential()),
        _ => throw new InvalidOperationException("ConnectionStrings:Blobs or Storage:AccountUrl is required when Storage:Provider is AzureBlob."),
    };

    private static void AddEvidenceAuthentication(this IServiceCollection services, IdentitySettings identity)
    {
        services.AddAuthentication(CallerScheme)
            .AddPolicyScheme(CallerScheme, "Bearer token, dock key or console session", options =>
                options.ForwardDefaultSelector = context => context.Request.Headers switch
                {
                    var headers when headers.ContainsKey(DockKeyAuthenticationHandler.HeaderName) => DockKeyAuthenticationHandler.SchemeName,
                    var headers when headers.ContainsKey(DockTokenAuthenticationHandler.HeaderName) => DockTokenAuthenticationHandler.SchemeName,
                    var headers when headers.ContainsKey(HeaderNames.Authorization) => JwtBearerDefaults.AuthenticationScheme,
                    _ when ConsoleSessions.Serves(context.Request) => ConsoleSessions.CookieScheme,
                    _ => JwtBearerDefaults.AuthenticationScheme,
                })
            .AddScheme<AuthenticationSchemeOptions, DockKeyAuthenticationHandler>(DockKeyAuthenticationHandler.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, DockTokenAuthenticationHandler>(DockTokenAuthenticationHandler.SchemeName, null)
            .AddConsoleSessions(identity)
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
                    options.RequireHttpsMetadata = identity.RequireHttpsMetadata;
                }
            });
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<TimeProvider>(BearerTokenRules.Apply);
        services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicy, policy => policy.RequireRole(Roles.Admin))
            // Only a dock key opens ingestion: a person's token, however privileged, is no dock.
            .AddPolicy(DockPolicy, policy => policy
                .AddAuthenticationSchemes(DockKeyAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser()
                .RequireRole(Roles.Dock))
            // The Axis Swift API authenticates by token only, as Swift clients do.
            .AddPolicy(AxisPolicy, policy => policy
                .AddAuthenticationSchemes(DockTokenAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser()
                .RequireRole(Roles.Dock));
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, CustodyRecordingAuthorizationResultHandler>();
    }
}
