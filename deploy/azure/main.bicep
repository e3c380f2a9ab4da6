// BodyCam.Evidence on Azure: Blob Storage (versioned, soft delete, version-level immutability), Azure Database
// for PostgreSQL Flexible Server 16 and two Container Apps, `api` and `worker`, that reach the blobs with their
// own managed identities (no account key anywhere) and share the ledger signing key as a mounted secret.
//
//   az deployment group create -g <group> -f deploy/azure/main.bicep -p deploy/azure/main.parameters.json
//
// After the first deployment, apply migrations once (the apps do not migrate PostgreSQL at start-up):
//   ConnectionStrings__Evidence='<the evidence-db secret>' Database__Provider=PostgreSql dotnet bodycam.dll db migrate

@description('Prefix of every resource name: lower-case letters and digits only, 3-11 characters (the storage account is <name>evidence).')
@minLength(3)
@maxLength(11)
param name string

param location string = resourceGroup().location

@description('The BodyCam.Evidence image, e.g. myregistry.azurecr.io/bodycam-evidence:1.0.0 (listens on 8080).')
param image string

@description('Checkpoint origin and signing key name (Ledger:Origin), e.g. evidence.example-agency.gov/custody.')
param ledgerOrigin string

@description('The Ed25519 checkpoint key: a 32-byte seed, base64. Generate it once and keep a sealed copy offline.')
@secure()
param ledgerSigningKey string

param databaseAdminLogin string = 'bodycam'

@secure()
param databaseAdminPassword string

param databaseSku object = { name: 'Standard_D2ds_v5', tier: 'GeneralPurpose' }

@description('Days of PostgreSQL point-in-time restore (7-35).')
@minValue(7)
@maxValue(35)
param databaseBackupDays int = 35

@description('Keep the database backups in the paired region too (where the region offers it; fixed at creation).')
param databaseGeoBackup bool = true

@description('Empty: the database has a public endpoint behind a firewall. A subnet delegated to Microsoft.DBforPostgreSQL/flexibleServers: the database is private (then also set privateDnsZoneId and appsSubnetId).')
param databaseSubnetId string = ''

@description('Private DNS zone for the private database, e.g. <name>.private.postgres.database.azure.com, linked to the virtual network.')
param privateDnsZoneId string = ''

@description('Subnet (/23 or larger, or /27 with workload profiles) for the Container Apps environment; required for a private database.')
param appsSubnetId string = ''

@description('Public database only: addresses allowed besides Azure services, e.g. the records unit\'s backup host.')
param databaseClientIps array = []

@description('Days a deleted or overwritten blob version can still be recovered.')
@minValue(1)
@maxValue(365)
param blobSoftDeleteDays int = 30

@description('Most worker replicas; Hangfire workers scale out on CPU.')
@minValue(1)
param workerMaxReplicas int = 4

param apiMaxReplicas int = 4

var privateDatabase = !empty(databaseSubnetId)
var databaseNetwork = privateDatabase ? { publicNetworkAccess: 'Disabled', delegatedSubnetResourceId: databaseSubnetId, privateDnsZoneArmResourceId: privateDnsZoneId } : { publicNetworkAccess: 'Enabled' }
var storageBlobDataContributor = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: '${name}evidence'
  location: location
  kind: 'StorageV2'
  sku: { name: 'Standard_ZRS' }
  properties: {
    accessTier: 'Hot'
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false // Entra ID only: the apps use managed identities, operators az login
    defaultToOAuthAuthentication: true
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
  properties: {
    isVersioningEnabled: true
    deleteRetentionPolicy: { enabled: true, days: blobSoftDeleteDays }
    containerDeleteRetentionPolicy: { enabled: true, days: blobSoftDeleteDays }
  }
}

resource evidenceContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: 'evidence'
  properties: {
    publicAccess: 'None'
    // Lets retention policies and legal holds be set per blob version (DESIGN §10); sets none by itself.
    immutableStorageWithVersioning: { enabled: true }
  }
}

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: '${name}-pg'
  location: location
  sku: databaseSku
  properties: {
    version: '16'
    administratorLogin: databaseAdminLogin
    administratorLoginPassword: databaseAdminPassword
    storage: { storageSizeGB: 128, autoGrow: 'Enabled' }
    backup: { backupRetentionDays: databaseBackupDays, geoRedundantBackup: databaseGeoBackup ? 'Enabled' : 'Disabled' }
    highAvailability: { mode: 'Disabled' }
    network: databaseNetwork
  }
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = {
  parent: postgres
  name: 'bodycam'
  properties: { charset: 'UTF8', collation: 'en_US.utf8' }
}

// 0.0.0.0 is Azure's convention for "services running in Azure", which includes the Container Apps.
resource allowAzure 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2024-08-01' = if (!privateDatabase) {
  parent: postgres
  name: 'AllowAzureServices'
  properties: { startIpAddress: '0.0.0.0', endIpAddress: '0.0.0.0' }
}

@batchSize(1) // the server takes one firewall change at a time
resource allowClients 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2024-08-01' = [for (ip, i) in databaseClientIps: if (!privateDatabase) {
  parent: postgres
  name: 'client-${i}'
  properties: { startIpAddress: ip, endIpAddress: ip }
}]

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${name}-logs'
  location: location
  properties: { sku: { name: 'PerGB2018' }, retentionInDays: 90 }
}

resource appsEnvironment 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: '${name}-env'
  location: location
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: { customerId: logs.properties.customerId, sharedKey: logs.listKeys().primarySharedKey }
    }
    vnetConfiguration: empty(appsSubnetId) ? null : { infrastructureSubnetId: appsSubnetId, internal: false }
  }
}

var secrets = [
  {
    name: 'evidence-db'
    value: 'Host=${postgres.properties.fullyQualifiedDomainName};Database=${database.name};Username=${databaseAdminLogin};Password=${databaseAdminPassword};SSL Mode=VerifyFull'
  }
  { name: 'ledger-signing-key', value: ledgerSigningKey }
]

// The key is a file, not an environment variable: the server reads Ledger:SigningKeyPath, and a file in a
// secret volume is the same key on every replica of both apps.
var ledgerKeyVolume = {
  name: 'ledger-key'
  storageType: 'Secret'
  secrets: [{ secretRef: 'ledger-signing-key', path: 'ledger-signing.key' }]
}

var sharedEnv = [
  { name: 'Database__Provider', value: 'PostgreSql' }
  { name: 'ConnectionStrings__Evidence', secretRef: 'evidence-db' }
  { name: 'Jobs__Storage', value: 'PostgreSql' }
  { name: 'Storage__Provider', value: 'AzureBlob' }
  { name: 'Storage__AccountUrl', value: storage.properties.primaryEndpoints.blob }
  { name: 'Storage__Immutability', value: 'Locked' }
  { name: 'Storage__Container', value: evidenceContainer.name }
  { name: 'Ledger__Origin', value: ledgerOrigin }
  { name: 'Ledger__SigningKeyPath', value: '/mnt/ledger/ledger-signing.key' }
]

var apps = [
  {
    role: 'api'
    ingress: { external: true, targetPort: 8080, transport: 'auto', allowInsecure: false }
    probes: [
      { type: 'Liveness', httpGet: { path: '/health/live', port: 8080 } }
      { type: 'Readiness', httpGet: { path: '/health/ready', port: 8080 } }
    ]
    scale: { minReplicas: 1, maxReplicas: apiMaxReplicas }
  }
  {
    role: 'worker'
    ingress: null
    probes: []
    scale: {
      minReplicas: 1
      maxReplicas: workerMaxReplicas
      rules: [{ name: 'cpu', custom: { type: 'cpu', metadata: { type: 'Utilization', value: '70' } } }]
    }
  }
]

resource containerApps 'Microsoft.App/containerApps@2024-03-01' = [for app in apps: {
  name: '${name}-${app.role}'
  location: location
  identity: { type: 'SystemAssigned' }
  properties: {
    managedEnvironmentId: appsEnvironment.id
    configuration: { ingress: app.ingress, secrets: secrets }
    template: {
      containers: [
        {
          name: app.role
          image: image
          env: concat(sharedEnv, [{ name: 'Host__Role', value: app.role }])
          resources: { cpu: json('1.0'), memory: '2Gi' }
          volumeMounts: [{ volumeName: ledgerKeyVolume.name, mountPath: '/mnt/ledger' }]
          probes: app.probes
        }
      ]
      volumes: [ledgerKeyVolume]
      scale: app.scale
    }
  }
}]

resource blobAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for (app, i) in apps: {
  scope: storage
  name: guid(storage.id, app.role, storageBlobDataContributor)
  properties: {
    roleDefinitionId: storageBlobDataContributor
    principalId: containerApps[i].identity.principalId
    principalType: 'ServicePrincipal'
  }
}]

output apiUrl string = 'https://${containerApps[0].properties.configuration.ingress.fqdn}'
output storageAccountUrl string = storage.properties.primaryEndpoints.blob
output databaseHost string = postgres.properties.fullyQualifiedDomainName
