// Fulfilment back-office: everything `azd up` creates.
// Subscription scope (the azd convention): this template creates the resource group and deploys
// the local modules under ./modules into it. No connection string with a key is produced anywhere;
// every connection uses the Function App's user-assigned managed identity.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('azd environment name; used in the resource group name and to derive a unique token for resource names.')
param environmentName string

@minLength(1)
@description('Primary region for all resources. Must offer Flex Consumption Function Apps.')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Object id of the user or service principal running azd (AZURE_PRINCIPAL_ID). Gets data access and Key Vault Secrets Officer. Empty: none.')
param principalId string = ''

@description('Type of principalId.')
@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
param principalType string = 'User'

@description('Entra ID authority host for Microsoft.Identity.Web. Empty: this cloud\'s login endpoint.')
param azureAdInstance string = ''

@description('Tenant id of the API app registration. Empty: the tenant of this subscription.')
param azureAdTenantId string = ''

@description('Client (application) id of the Entra app registration `backoffice` that defines the roles operator, warehouse, courier, supervisor, finance, merchant: people sign in to the Static Web App with it and the API validates bearer tokens for it. May be empty on the first `azd up` and set later.')
param azureAdClientId string = ''

@description('Name of the Key Vault secret holding the client secret of that registration (loaded by hand; the Static Web App reads it by Key Vault reference).')
param entraClientSecretName string = 'swa-entra-client-secret'

@description('Region for the Static Web App. Empty: the primary region if SWA is offered there, else westeurope.')
param staticWebAppLocation string = ''

@description('Always-ready instances for the Durable Functions group on Flex Consumption.')
@minValue(0)
param durableAlwaysReadyInstances int = 1

@description('Upper bound on Function App scale-out.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Memory per Function App instance (MB).')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Log Analytics daily ingestion cap in GB; -1 means no cap.')
param logAnalyticsDailyQuotaGb int = -1

@description('Soft-delete retention of the Key Vault in days (purge protection is on, so a deleted vault name stays reserved this long).')
@minValue(7)
@maxValue(90)
param keyVaultSoftDeleteRetentionInDays int = 90

var entraTenantId = !empty(azureAdTenantId) ? azureAdTenantId : tenant().tenantId

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}

var staticWebAppRegions = [
  'centralus'
  'eastasia'
  'eastus2'
  'westeurope'
  'westus2'
]
var swaLocation = !empty(staticWebAppLocation)
  ? staticWebAppLocation
  : (contains(staticWebAppRegions, location) ? location : 'westeurope')

// Names are computed here (not taken from module outputs) so they are known before deployment.
var names = {
  identity: 'id-api-${resourceToken}'
  logAnalytics: 'log-${resourceToken}'
  applicationInsights: 'appi-${resourceToken}'
  storage: 'st${resourceToken}'
  serviceBus: 'sb-${resourceToken}'
  keyVault: 'kv-${resourceToken}'
  plan: 'plan-${resourceToken}'
  functionApp: 'func-api-${resourceToken}'
  staticWebApp: 'stapp-web-${resourceToken}'
}

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: names.identity
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: names.logAnalytics
    applicationInsightsName: names.applicationInsights
    location: location
    tags: tags
    dailyQuotaGb: logAnalyticsDailyQuotaGb
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: names.storage
    location: location
    tags: tags
  }
}

module serviceBus 'modules/servicebus.bicep' = {
  name: 'servicebus'
  scope: rg
  params: {
    name: names.serviceBus
    location: location
    tags: tags
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: names.keyVault
    location: location
    tags: tags
    softDeleteRetentionInDays: keyVaultSoftDeleteRetentionInDays
  }
}

module rbac 'modules/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    storageAccountName: names.storage
    serviceBusNamespaceName: names.serviceBus
    keyVaultName: names.keyVault
    applicationInsightsName: names.applicationInsights
    identityName: names.identity
    principalId: principalId
    principalType: principalType
  }
  dependsOn: [
    identity
    storage
    serviceBus
    keyVault
    monitoring
  ]
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  scope: rg
  params: {
    name: names.functionApp
    planName: names.plan
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageBlobEndpoint: storage.outputs.blobEndpoint
    storageQueueEndpoint: storage.outputs.queueEndpoint
    storageTableEndpoint: storage.outputs.tableEndpoint
    deploymentContainerName: storage.outputs.deploymentContainerName
    reportsContainerName: storage.outputs.reportsContainerName
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
    serviceBusFullyQualifiedNamespace: serviceBus.outputs.fullyQualifiedNamespace
    keyVaultUri: keyVault.outputs.uri
    azureAdInstance: !empty(azureAdInstance) ? azureAdInstance : environment().authentication.loginEndpoint
    azureAdTenantId: entraTenantId
    azureAdClientId: azureAdClientId
    runtimeVersion: '10.0'
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    durableAlwaysReadyInstances: durableAlwaysReadyInstances
  }
  // The host reads the deployment package and its storage with the identity on first start:
  // create the app only once the role assignments exist.
  dependsOn: [
    rbac
  ]
}

module staticWebApp 'modules/staticwebapp.bicep' = {
  name: 'staticwebapp'
  scope: rg
  params: {
    name: names.staticWebApp
    location: swaLocation
    tags: tags
    backendResourceId: functionApp.outputs.id
    backendName: names.functionApp
    backendLocation: functionApp.outputs.location
    keyVaultName: names.keyVault
    entraClientId: azureAdClientId
    entraClientSecretName: entraClientSecretName
    entraInstance: !empty(azureAdInstance) ? azureAdInstance : environment().authentication.loginEndpoint
    entraTenantId: entraTenantId
  }
  // The vault exists by then: the Function App this links waits for rbac, which waits for the vault.
}

// ---- Outputs (azd stores them in .azure/<env>/.env) ----
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
// The Entra tenant people sign in to; the web service's prepackage hook writes it into staticwebapp.config.json's
// openIdIssuer, which cannot read an app setting (web/Backoffice.Web.csproj).
output AZURE_AD_TENANT_ID string = entraTenantId
output ENTRA_CLIENT_SECRET_NAME string = entraClientSecretName
output AZURE_RESOURCE_GROUP string = rg.name

output SERVICE_API_NAME string = functionApp.outputs.name
output SERVICE_API_URI string = 'https://${functionApp.outputs.defaultHostName}'
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output SERVICE_WEB_NAME string = staticWebApp.outputs.name
output STATIC_WEB_APP_URL string = staticWebApp.outputs.uri

output AZURE_MANAGED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_STORAGE_BLOB_ENDPOINT string = storage.outputs.blobEndpoint
output AZURE_STORAGE_QUEUE_ENDPOINT string = storage.outputs.queueEndpoint
output AZURE_STORAGE_TABLE_ENDPOINT string = storage.outputs.tableEndpoint
output SERVICE_BUS_NAMESPACE string = serviceBus.outputs.fullyQualifiedNamespace
output SERVICE_BUS_NAMESPACE_NAME string = serviceBus.outputs.name
output KEY_VAULT_NAME string = keyVault.outputs.name
output KEY_VAULT_URI string = keyVault.outputs.uri
output APPLICATIONINSIGHTS_CONNECTION_STRING string = monitoring.outputs.applicationInsightsConnectionString
