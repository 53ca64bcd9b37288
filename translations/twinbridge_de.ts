<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>ServiceError</name>
    <message>
        <source>The operation was canceled.</source>
        <translation>Der Vorgang wurde abgebrochen.</translation>
    </message>
    <message>
        <source>The service sent an answer TwinBridge does not understand. Check that the endpoint URL points at the right service.</source>
        <translation>Der Dienst hat eine Antwort gesendet, die TwinBridge nicht versteht. Prüfen Sie, ob die Endpunkt-URL auf den richtigen Dienst zeigt.</translation>
    </message>
    <message>
        <source>Could not %1: %2</source>
        <translation>Vorgang „%1“ fehlgeschlagen: %2</translation>
    </message>
</context>
<context>
    <name>TwinBridge::AboutDialog</name>
    <message>
        <source>About TwinBridge</source>
        <translation>Über TwinBridge</translation>
    </message>
    <message>
        <source>TwinBridge %1</source>
        <translation>TwinBridge %1</translation>
    </message>
    <message>
        <source>A desktop console and integration engine that connects a The Things Stack LoRaWAN application to Azure IoT Hub.</source>
        <translation>Eine Desktop-Konsole und Integrations-Engine, die eine LoRaWAN-Anwendung in The Things Stack mit Azure IoT Hub verbindet.</translation>
    </message>
    <message>
        <source>Built on:</source>
        <translation>Aufgebaut auf:</translation>
    </message>
    <message>
        <source>Component</source>
        <translation>Komponente</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Built with %1</source>
        <translation>Kompiliert mit %1</translation>
    </message>
    <message>
        <source>&amp;Copy Versions</source>
        <translation>Versionen &amp;kopieren</translation>
    </message>
    <message>
        <source>Copy these versions to the clipboard, for example for a bug report.</source>
        <translation>Diese Versionen in die Zwischenablage kopieren, etwa für einen Fehlerbericht.</translation>
    </message>
</context>
<context>
    <name>TwinBridge::HttpResponse</name>
    <message>
        <source>The service did not answer in time. Check the network connection and try again.</source>
        <translation>Der Dienst hat nicht rechtzeitig geantwortet. Prüfen Sie die Netzwerkverbindung und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The host name could not be resolved. Check the address in the profile and your DNS.</source>
        <translation>Der Hostname konnte nicht aufgelöst werden. Prüfen Sie die Adresse im Profil und Ihren DNS.</translation>
    </message>
    <message>
        <source>The connection was refused. Check the address and port, and that the service is running.</source>
        <translation>Die Verbindung wurde abgelehnt. Prüfen Sie Adresse und Port und ob der Dienst läuft.</translation>
    </message>
    <message>
        <source>The server closed the connection unexpectedly. Try again; if it persists, check proxies or firewalls on the way.</source>
        <translation>Der Server hat die Verbindung unerwartet geschlossen. Versuchen Sie es erneut; bleibt der Fehler, prüfen Sie Proxys oder Firewalls auf dem Weg.</translation>
    </message>
    <message>
        <source>The secure connection failed: the server&apos;s certificate is not trusted or the TLS handshake was rejected. For a sandbox or private CA, set the CA file in the profile.</source>
        <translation>Die sichere Verbindung ist fehlgeschlagen: Dem Zertifikat des Servers wird nicht vertraut oder der TLS-Handshake wurde abgelehnt. Für eine Sandbox oder eine private CA legen Sie die CA-Datei im Profil fest.</translation>
    </message>
    <message>
        <source>The proxy could not be used. Check the system proxy settings.</source>
        <translation>Der Proxy konnte nicht verwendet werden. Prüfen Sie die Proxy-Einstellungen des Systems.</translation>
    </message>
    <message>
        <source>The network request failed. Check the connection and the address in the profile.</source>
        <translation>Die Netzwerkanfrage ist fehlgeschlagen. Prüfen Sie die Verbindung und die Adresse im Profil.</translation>
    </message>
</context>
<context>
    <name>TwinBridge::MainWindow</name>
    <message>
        <source>Connections</source>
        <translation>Verbindungen</translation>
    </message>
    <message>
        <source>Deploy</source>
        <translation>Bereitstellen</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>Geräte</translation>
    </message>
    <message>
        <source>Twin</source>
        <translation>Twin</translation>
    </message>
    <message>
        <source>Live data</source>
        <translation>Live-Daten</translation>
    </message>
    <message>
        <source>Bridge</source>
        <translation>Bridge</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>&amp;System Default</source>
        <translation>&amp;Systemstandard</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About TwinBridge</source>
        <translation>Über &amp;TwinBridge</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <source>Navigation</source>
        <translation>Navigation</translation>
    </message>
    <message>
        <source>The connection profile the console works with</source>
        <translation>Das Verbindungsprofil, mit dem die Konsole arbeitet</translation>
    </message>
    <message>
        <source>Connection profiles for The Things Stack and Azure; their secrets stay in the system keychain.</source>
        <translation>Verbindungsprofile für The Things Stack und Azure; ihre Geheimnisse bleiben im Schlüsselbund des Systems.</translation>
    </message>
    <message>
        <source>Arrives with the connection profiles.</source>
        <translation>Kommt mit den Verbindungsprofilen.</translation>
    </message>
    <message>
        <source>Deploys the Azure side — IoT Hub, routes, Event Hub and the Function that reports twin changes — from an ARM template.</source>
        <translation>Stellt die Azure-Seite bereit – IoT Hub, Routen, Event Hub und die Function, die Twin-Änderungen meldet – aus einer ARM-Vorlage.</translation>
    </message>
    <message>
        <source>Arrives with the Azure deployment.</source>
        <translation>Kommt mit der Azure-Bereitstellung.</translation>
    </message>
    <message>
        <source>TTS end devices and IoT Hub identities side by side, with provisioning in both directions.</source>
        <translation>TTS-Endgeräte und IoT-Hub-Identitäten nebeneinander, mit Provisionierung in beide Richtungen.</translation>
    </message>
    <message>
        <source>Arrives with the device views.</source>
        <translation>Kommt mit den Geräteansichten.</translation>
    </message>
    <message>
        <source>Reads and edits a device twin live: tags, desired and reported properties, downlinks.</source>
        <translation>Liest und bearbeitet einen Geräte-Twin live: Tags, gewünschte und gemeldete Eigenschaften, Downlinks.</translation>
    </message>
    <message>
        <source>Arrives with the twin editor.</source>
        <translation>Kommt mit dem Twin-Editor.</translation>
    </message>
    <message>
        <source>Uplinks, twin changes and downlinks as they pass through the bridge.</source>
        <translation>Uplinks, Twin-Änderungen und Downlinks, während sie die Bridge durchlaufen.</translation>
    </message>
    <message>
        <source>Arrives with the live data view.</source>
        <translation>Kommt mit der Live-Daten-Ansicht.</translation>
    </message>
    <message>
        <source>Starts and stops the integration engine and shows its connections, throttling and outbox.</source>
        <translation>Startet und stoppt die Integrations-Engine und zeigt ihre Verbindungen, Drosselung und Outbox.</translation>
    </message>
    <message>
        <source>Arrives with the bridge panel.</source>
        <translation>Kommt mit dem Bridge-Bedienfeld.</translation>
    </message>
    <message>
        <source>No profile selected</source>
        <translation>Kein Profil ausgewählt</translation>
    </message>
    <message>
        <source>Profile: %1</source>
        <translation>Profil: %1</translation>
    </message>
</context>
<context>
    <name>TwinBridge::SasToken</name>
    <message>
        <source>it is empty.</source>
        <translation>sie ist leer.</translation>
    </message>
    <message>
        <source>it must start with &quot;SharedAccessSignature &quot; followed by the fields.</source>
        <translation>sie muss mit &quot;SharedAccessSignature &quot; beginnen, gefolgt von den Feldern.</translation>
    </message>
    <message>
        <source>it contains an empty field (&quot;&amp;&amp;&quot;).</source>
        <translation>sie enthält ein leeres Feld (&quot;&amp;&amp;&quot;).</translation>
    </message>
    <message>
        <source>the field &quot;%1&quot; has no name=value form.</source>
        <translation>das Feld &quot;%1&quot; hat nicht die Form name=wert.</translation>
    </message>
    <message>
        <source>the field &quot;%1&quot; is empty.</source>
        <translation>das Feld &quot;%1&quot; ist leer.</translation>
    </message>
    <message>
        <source>the field &quot;sr&quot; appears twice.</source>
        <translation>das Feld &quot;sr&quot; kommt zweimal vor.</translation>
    </message>
    <message>
        <source>the field &quot;sig&quot; appears twice.</source>
        <translation>das Feld &quot;sig&quot; kommt zweimal vor.</translation>
    </message>
    <message>
        <source>the signature &quot;sig&quot; is not a base64 HMAC-SHA256 value.</source>
        <translation>die Signatur &quot;sig&quot; ist kein Base64-kodierter HMAC-SHA256-Wert.</translation>
    </message>
    <message>
        <source>the field &quot;se&quot; appears twice.</source>
        <translation>das Feld &quot;se&quot; kommt zweimal vor.</translation>
    </message>
    <message>
        <source>the expiry &quot;se&quot; must be seconds since 1970 as a whole number.</source>
        <translation>der Ablauf &quot;se&quot; muss eine ganze Zahl von Sekunden seit 1970 sein.</translation>
    </message>
    <message>
        <source>the field &quot;%1&quot; is not one of sr, sig, se, skn.</source>
        <translation>das Feld &quot;%1&quot; ist keines von sr, sig, se, skn.</translation>
    </message>
    <message>
        <source>the resource field &quot;sr&quot; is missing.</source>
        <translation>das Ressourcenfeld &quot;sr&quot; fehlt.</translation>
    </message>
    <message>
        <source>the signature field &quot;sig&quot; is missing.</source>
        <translation>das Signaturfeld &quot;sig&quot; fehlt.</translation>
    </message>
    <message>
        <source>the expiry field &quot;se&quot; is missing.</source>
        <translation>das Ablauffeld &quot;se&quot; fehlt.</translation>
    </message>
    <message>
        <source>The signature does not match: the token was signed with a different key, or the resource was changed after signing.</source>
        <translation>Die Signatur stimmt nicht: Das Token wurde mit einem anderen Schlüssel signiert, oder die Ressource wurde nach dem Signieren geändert.</translation>
    </message>
    <message>
        <source>The token expired at %1 (now %2). Check the computer&apos;s clock and create a new token.</source>
        <translation>Das Token ist um %1 abgelaufen (jetzt %2). Prüfen Sie die Uhr des Computers und erstellen Sie ein neues Token.</translation>
    </message>
    <message>
        <source>The shared access signature is malformed: %1</source>
        <translation>Die Shared Access Signature ist fehlerhaft: %1</translation>
    </message>
</context>
<context>
    <name>TwinBridge::TtsDownlink</name>
    <message>
        <source>The downlink needs an FPort between %1 and %2 (or a decoded payload for the device&apos;s formatter to encode).</source>
        <translation>Der Downlink braucht einen FPort zwischen %1 und %2 (oder eine dekodierte Nutzlast, die der Formatter des Geräts kodiert).</translation>
    </message>
    <message>
        <source>FPort %1 is not allowed: application downlinks use ports %2 to %3.</source>
        <translation>FPort %1 ist nicht erlaubt: Anwendungs-Downlinks verwenden die Ports %2 bis %3.</translation>
    </message>
    <message>
        <source>The payload has %1 bytes; a LoRaWAN downlink carries at most %2 (and fewer at slow data rates).</source>
        <translation>Die Nutzlast hat %1 Bytes; ein LoRaWAN-Downlink trägt höchstens %2 (bei langsamen Datenraten weniger).</translation>
    </message>
    <message>
        <source>The priority &quot;%1&quot; is unknown; use one of %2.</source>
        <translation>Die Priorität &quot;%1&quot; ist unbekannt; verwenden Sie eine von %2.</translation>
    </message>
    <message>
        <source>A correlation id is longer than 100 characters.</source>
        <translation>Eine Korrelations-ID ist länger als 100 Zeichen.</translation>
    </message>
    <message>
        <source>&quot;f_port&quot; must be a whole number.</source>
        <translation>&quot;f_port&quot; muss eine ganze Zahl sein.</translation>
    </message>
    <message>
        <source>&quot;frm_payload&quot; must be a base64 string.</source>
        <translation>&quot;frm_payload&quot; muss eine Base64-Zeichenkette sein.</translation>
    </message>
    <message>
        <source>&quot;frm_payload&quot; is not valid base64.</source>
        <translation>&quot;frm_payload&quot; ist kein gültiges Base64.</translation>
    </message>
    <message>
        <source>&quot;decoded_payload&quot; must be a JSON object.</source>
        <translation>&quot;decoded_payload&quot; muss ein JSON-Objekt sein.</translation>
    </message>
    <message>
        <source>&quot;confirmed&quot; must be true or false.</source>
        <translation>&quot;confirmed&quot; muss true oder false sein.</translation>
    </message>
    <message>
        <source>&quot;downlinks&quot; must be a list.</source>
        <translation>&quot;downlinks&quot; muss eine Liste sein.</translation>
    </message>
    <message>
        <source>Downlink %1 is not a JSON object.</source>
        <translation>Downlink %1 ist kein JSON-Objekt.</translation>
    </message>
</context>
<context>
    <name>TwinBridge::VersionInfo</name>
    <message>
        <source>(built with %1)</source>
        <translation>(kompiliert mit %1)</translation>
    </message>
</context>
<context>
    <name>twinbridge</name>
    <message>
        <source>twinbridge: the window was not shown on screen in time; no screenshot taken. Is a display available?</source>
        <translation>twinbridge: Das Fenster wurde nicht rechtzeitig angezeigt; kein Bildschirmfoto erstellt. Ist eine Anzeige verfügbar?</translation>
    </message>
    <message>
        <source>twinbridge: could not write the screenshot to %1. Check that the folder exists and is writable.</source>
        <translation>twinbridge: Das Bildschirmfoto konnte nicht nach %1 geschrieben werden. Prüfen Sie, ob der Ordner existiert und beschreibbar ist.</translation>
    </message>
    <message>
        <source>Screenshot saved to %1</source>
        <translation>Bildschirmfoto gespeichert unter %1</translation>
    </message>
    <message>
        <source>TwinBridge console: connects a The Things Stack application to Azure IoT Hub.</source>
        <translation>TwinBridge-Konsole: verbindet eine Anwendung in The Things Stack mit Azure IoT Hub.</translation>
    </message>
    <message>
        <source>Displays version information, including the versions of Qt, OpenSSL, libmosquitto and QtKeychain.</source>
        <translation>Zeigt Versionsinformationen an, einschließlich der Versionen von Qt, OpenSSL, libmosquitto und QtKeychain.</translation>
    </message>
    <message>
        <source>Reads and writes the settings in &lt;file&gt; (INI format) instead of the user&apos;s settings.</source>
        <translation>Liest und schreibt die Einstellungen in &lt;Datei&gt; (INI-Format) statt in die Einstellungen des Benutzers.</translation>
    </message>
    <message>
        <source>file</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Shows the main window, saves a picture of it as &lt;file&gt; (PNG) and quits.</source>
        <translation>Zeigt das Hauptfenster, speichert ein Bild davon als &lt;Datei&gt; (PNG) und beendet sich.</translation>
    </message>
    <message>
        <source>Run &apos;twinbridge --help&apos; for the options.</source>
        <translation>Die Optionen zeigt &apos;twinbridge --help&apos;.</translation>
    </message>
    <message>
        <source>unexpected argument &apos;%1&apos;. Run &apos;twinbridge --help&apos; for the options.</source>
        <translation>unerwartetes Argument &apos;%1&apos;. Die Optionen zeigt &apos;twinbridge --help&apos;.</translation>
    </message>
</context>
<context>
    <name>twinbridge-sandbox</name>
    <message>
        <source>twinbridge-sandbox runs a local Azure IoT Hub on 127.0.0.1: the device MQTT endpoint (TLS), the
service REST API (HTTPS) and an admin API (HTTP), with the routes, Event Hub and Function that
The Things Stack&apos;s deployment template creates. When it is ready it writes DIR/sandbox.json with
the addresses, the policy key and the CA certificate to trust.

It stops cleanly on Ctrl+C (SIGINT) or SIGTERM.

Exit codes:
  0   stopped normally
  64  the command line was wrong (see the options below)
  69  the sandbox could not start (state directory, ports, certificates)
</source>
        <translation>twinbridge-sandbox betreibt einen lokalen Azure IoT Hub auf 127.0.0.1: den MQTT-Endpunkt für Geräte (TLS),
die Dienst-REST-API (HTTPS) und eine Admin-API (HTTP), mit den Routen, dem Event Hub und der Function,
die die Bereitstellungsvorlage von The Things Stack anlegt. Sobald er bereit ist, schreibt er DIR/sandbox.json
mit den Adressen, dem Richtlinienschlüssel und dem CA-Zertifikat, dem zu vertrauen ist.

Er beendet sich sauber bei Strg+C (SIGINT) oder SIGTERM.

Exit-Codes:
  0   normal beendet
  64  die Befehlszeile war falsch (siehe die Optionen unten)
  69  die Sandbox konnte nicht starten (Statusverzeichnis, Ports, Zertifikate)
</translation>
    </message>
    <message>
        <source>Run &apos;twinbridge-sandbox --help&apos; for the options.</source>
        <translation>Die Optionen zeigt &apos;twinbridge-sandbox --help&apos;.</translation>
    </message>
    <message>
        <source>Directory for the CA, the hubs and sandbox.json (required; created if missing).</source>
        <translation>Verzeichnis für die CA, die Hubs und sandbox.json (erforderlich; wird bei Bedarf angelegt).</translation>
    </message>
    <message>
        <source>Switches the IoT Hub throttles (S1 limits) off.</source>
        <translation>Schaltet die Drosselung des IoT Hub (S1-Grenzen) ab.</translation>
    </message>
    <message>
        <source>STACK_BASE_URL of the Function: where twin and lifecycle events are posted, e.g. http://127.0.0.1:1885/api/v3. Without it events stay pending.</source>
        <translation>STACK_BASE_URL der Function: wohin Twin- und Lebenszyklus-Ereignisse gesendet werden, z. B. http://127.0.0.1:1885/api/v3. Ohne sie bleiben Ereignisse ausstehend.</translation>
    </message>
    <message>
        <source>STACK_APPLICATION_ID of the Function.</source>
        <translation>STACK_APPLICATION_ID der Function.</translation>
    </message>
    <message>
        <source>STACK_API_KEY of the Function (or set TWINBRIDGE_SANDBOX_STACK_API_KEY, which keeps the key out of the process list).</source>
        <translation>STACK_API_KEY der Function (oder setzen Sie TWINBRIDGE_SANDBOX_STACK_API_KEY; so bleibt der Schlüssel aus der Prozessliste).</translation>
    </message>
    <message>
        <source>Creates the hub without the template&apos;s fallback route (telemetry then reaches no endpoint).</source>
        <translation>Legt den Hub ohne die Fallback-Route der Vorlage an (Telemetrie erreicht dann keinen Endpunkt).</translation>
    </message>
    <message>
        <source>Seed for the simulated devices (reserved).</source>
        <translation>Startwert für die simulierten Geräte (reserviert).</translation>
    </message>
    <message>
        <source>unexpected argument &apos;%1&apos;.</source>
        <translation>unerwartetes Argument &apos;%1&apos;.</translation>
    </message>
    <message>
        <source>--state-dir DIR is required.</source>
        <translation>--state-dir DIR ist erforderlich.</translation>
    </message>
    <message>
        <source>--stack-base-url must be an http or https URL, such as http://127.0.0.1:1885/api/v3.</source>
        <translation>--stack-base-url muss eine http- oder https-URL sein, etwa http://127.0.0.1:1885/api/v3.</translation>
    </message>
    <message>
        <source>--seed must be a whole number.</source>
        <translation>--seed muss eine ganze Zahl sein.</translation>
    </message>
    <message>
        <source>could not start: %1</source>
        <translation>Start nicht möglich: %1</translation>
    </message>
    <message>
        <source>Ready: %1</source>
        <translation>Bereit: %1</translation>
    </message>
    <message>
        <source>twinbridge-sandbox stopped</source>
        <translation>twinbridge-sandbox beendet</translation>
    </message>
</context>
<context>
    <name>twinbridged</name>
    <message>
        <source>twinbridged runs the TwinBridge integration engine without a window: it forwards The Things Stack
uplinks to Azure IoT Hub and turns device twin changes into LoRaWAN downlinks.

It stops cleanly on Ctrl+C (SIGINT) or SIGTERM, finishing the work it has accepted.

Exit codes:
  0   stopped normally
  64  the command line was wrong (see the options below)
</source>
        <translation>twinbridged betreibt die TwinBridge-Integrations-Engine ohne Fenster: Es leitet Uplinks aus The Things
Stack an Azure IoT Hub weiter und macht aus Änderungen an Geräte-Twins LoRaWAN-Downlinks.

Es hält bei Strg+C (SIGINT) oder SIGTERM sauber an und erledigt vorher die angenommene Arbeit.

Exit-Codes:
  0   normal beendet
  64  die Befehlszeile war falsch (siehe die Optionen unten)
</translation>
    </message>
    <message>
        <source>Displays version information, including the versions of Qt, OpenSSL, libmosquitto and QtKeychain.</source>
        <translation>Zeigt Versionsinformationen an, einschließlich der Versionen von Qt, OpenSSL, libmosquitto und QtKeychain.</translation>
    </message>
    <message>
        <source>Run &apos;twinbridged --help&apos; for the options.</source>
        <translation>Die Optionen zeigt &apos;twinbridged --help&apos;.</translation>
    </message>
    <message>
        <source>unexpected argument &apos;%1&apos;. Run &apos;twinbridged --help&apos; for the options.</source>
        <translation>unerwartetes Argument &apos;%1&apos;. Die Optionen zeigt &apos;twinbridged --help&apos;.</translation>
    </message>
    <message>
        <source>twinbridged %1 started; no profile configured, idle until SIGINT/SIGTERM</source>
        <translation>twinbridged %1 gestartet; kein Profil eingerichtet, wartet bis SIGINT/SIGTERM</translation>
    </message>
    <message>
        <source>twinbridged stopped</source>
        <translation>twinbridged beendet</translation>
    </message>
</context>
</TS>
