<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="cy_GB">
<context>
    <name>AccountPage</name>
    <message>
        <source>Continue</source>
        <translation>Parhau</translation>
    </message>
    <message>
        <source>Choose the account to link</source>
        <translation>Dewiswch y cyfrif i’w gysylltu</translation>
    </message>
    <message>
        <source>The account to link</source>
        <translation>Y cyfrif i’w gysylltu</translation>
    </message>
    <message>
        <source>Which account do you want to link to {product}?</source>
        <translation>Pa gyfrif ydych chi am ei gysylltu â {product}?</translation>
    </message>
    <message>
        <source>This is the account you can link to {product}:</source>
        <translation>Dyma’r cyfrif y gallwch ei gysylltu â {product}:</translation>
    </message>
</context>
<context>
    <name>AccountSummary</name>
    <message>
        <source>Not you? Sign in as someone else</source>
        <translation>Nid chi? Mewngofnodwch fel rhywun arall</translation>
    </message>
    <message>
        <source>Signed in to {product} as</source>
        <translation>Wedi mewngofnodi i {product} fel</translation>
    </message>
</context>
<context>
    <name>BlockedPage</name>
    <message>
        <source>Check again</source>
        <translation>Gwirio eto</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>Gorffen</translation>
    </message>
</context>
<context>
    <name>BusyPage</name>
    <message>
        <source>Working</source>
        <translation>Wrthi’n gweithio</translation>
    </message>
    <message>
        <source>Sign-in address</source>
        <translation>Cyfeiriad mewngofnodi</translation>
    </message>
    <message>
        <source>Copy address</source>
        <translation>Copïo’r cyfeiriad</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Canslo</translation>
    </message>
    <message>
        <source>Copied. Paste it into a web browser&apos;s address bar.</source>
        <translation>Wedi’i gopïo. Gludwch ef i far cyfeiriad porwr gwe.</translation>
    </message>
    <message>
        <source>Sign in to {product}</source>
        <translation>Mewngofnodi i {product}</translation>
    </message>
    <message>
        <source>Please wait</source>
        <translation>Arhoswch</translation>
    </message>
    <message>
        <source>Your web browser did not open. Copy this address into a web browser on this computer, sign in there with your {product} email address and password, then come back to this window.</source>
        <translation>Ni agorodd eich porwr gwe. Copïwch y cyfeiriad hwn i borwr gwe ar y cyfrifiadur hwn, mewngofnodwch yno gyda’ch cyfeiriad e-bost a’ch cyfrinair {product}, yna dewch yn ôl i’r ffenestr hon.</translation>
    </message>
    <message>
        <source>Your web browser has opened the {product} sign-in page. Sign in with your {product} email address and password, and approve any extra check (MFA). Then come back to this window.</source>
        <translation>Mae eich porwr gwe wedi agor tudalen fewngofnodi {product}. Mewngofnodwch gyda’ch cyfeiriad e-bost a’ch cyfrinair {product}, a chymeradwywch unrhyw wiriad ychwanegol (MFA). Yna dewch yn ôl i’r ffenestr hon.</translation>
    </message>
</context>
<context>
    <name>CardKind</name>
    <message>
        <source>Smartcard</source>
        <translation>Cerdyn clyfar</translation>
    </message>
    <message>
        <source>NHS Smartcard (Series 5 or 6)</source>
        <translation>Cerdyn Clyfar GIG (Cyfres 5 neu 6)</translation>
    </message>
    <message>
        <source>IDEMIA card</source>
        <translation>Cerdyn IDEMIA</translation>
    </message>
    <message>
        <source>Oberthur (IDEMIA) card</source>
        <translation>Cerdyn Oberthur (IDEMIA)</translation>
    </message>
    <message>
        <source>NHS Smartcard ({maker})</source>
        <translation>Cerdyn Clyfar GIG ({maker})</translation>
    </message>
    <message>
        <source>NHS Smartcard</source>
        <translation>Cerdyn Clyfar GIG</translation>
    </message>
</context>
<context>
    <name>CardPage</name>
    <message>
        <source>Continue</source>
        <translation>Parhau</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Yn ôl</translation>
    </message>
    <message>
        <source>Your smartcard</source>
        <translation>Eich cerdyn clyfar</translation>
    </message>
    <message>
        <source>Your smartcard cannot be linked yet</source>
        <translation>Nid oes modd cysylltu eich cerdyn clyfar eto</translation>
    </message>
    <message>
        <source>Smartcard</source>
        <translation>Cerdyn clyfar</translation>
    </message>
    <message>
        <source>Care Identity number (UUID)</source>
        <translation>Rhif Care Identity (UUID)</translation>
    </message>
    <message>
        <source>Card serial number</source>
        <translation>Rhif cyfresol y cerdyn</translation>
    </message>
    <message>
        <source>Certificate expired on {date}</source>
        <translation>Daeth y dystysgrif i ben ar {date}</translation>
    </message>
    <message>
        <source>Certificate valid until {date}</source>
        <translation>Tystysgrif yn ddilys tan {date}</translation>
    </message>
    <message>
        <source>{uuid} — valid until {date}</source>
        <translation>{uuid} — yn ddilys tan {date}</translation>
    </message>
    <message>
        <source>Certificate {text}</source>
        <translation>Tystysgrif {text}</translation>
    </message>
    <message>
        <source>Choose the certificate to use</source>
        <translation>Dewiswch y dystysgrif i’w defnyddio</translation>
    </message>
</context>
<context>
    <name>Crash</name>
    <message>
        <source>Something went wrong</source>
        <translation>Aeth rhywbeth o’i le</translation>
    </message>
    <message>
        <source>Smartcard Linker hit an unexpected problem. Nothing has been linked by this step. You can carry on, or close the app and start again.</source>
        <translation>Cafodd Smartcard Linker broblem annisgwyl. Nid oes dim wedi’i gysylltu gan y cam hwn. Gallwch barhau, neu gau’r ap a dechrau eto.</translation>
    </message>
    <message>
        <source>(no log file)</source>
        <translation>(dim ffeil log)</translation>
    </message>
    <message>
        <source>If it happens again, send the log file to your Local Administrator: {0}</source>
        <translation>Os yw’n digwydd eto, anfonwch y ffeil log at eich Gweinyddwr Lleol: {0}</translation>
    </message>
</context>
<context>
    <name>DiagnosticsActions</name>
    <message>
        <source>Text report (*.txt);;JSON report (*.json)</source>
        <translation>Adroddiad testun (*.txt);;Adroddiad JSON (*.json)</translation>
    </message>
    <message>
        <source>Copy diagnostics</source>
        <translation>Copïo’r diagnosteg</translation>
    </message>
    <message>
        <source>Save diagnostics…</source>
        <translation>Cadw’r diagnosteg…</translation>
    </message>
    <message>
        <source>Save diagnostics</source>
        <translation>Cadw’r diagnosteg</translation>
    </message>
    <message>
        <source>Checking this computer (a few seconds)…</source>
        <translation>Yn gwirio’r cyfrifiadur hwn (ychydig eiliadau)…</translation>
    </message>
    <message>
        <source>Diagnostics copied. Paste them into your message to support.</source>
        <translation>Wedi copïo’r diagnosteg. Gludwch nhw i’ch neges at y tîm cymorth.</translation>
    </message>
    <message>
        <source>Could not save the diagnostics: {reason}</source>
        <translation>Nid oedd modd cadw’r diagnosteg: {reason}</translation>
    </message>
    <message>
        <source>Diagnostics saved to {path}</source>
        <translation>Cadwyd y diagnosteg yn {path}</translation>
    </message>
    <message>
        <source>Could not collect the diagnostics: {reason}</source>
        <translation>Nid oedd modd casglu’r diagnosteg: {reason}</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <source>Go to Link My NHS Accounts home</source>
        <translation>Mynd i hafan Link My NHS Accounts</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>Gorffen</translation>
    </message>
    <message>
        <source>Your accounts are linked</source>
        <translation>Mae eich cyfrifon wedi’u cysylltu</translation>
    </message>
    <message>
        <source>Your NHS Smartcard is now linked to your {product} account {email}.</source>
        <translation>Mae eich Cerdyn Clyfar GIG bellach wedi’i gysylltu â’ch cyfrif {product} {email}.</translation>
    </message>
    <message>
        <source>Support reference</source>
        <translation>Cyfeirnod cymorth</translation>
    </message>
    <message>
        <source>Take your smartcard out of the reader now. For your privacy this screen clears itself in {seconds} seconds.</source>
        <translation>Tynnwch eich cerdyn clyfar o’r darllenydd nawr. Er mwyn diogelu eich preifatrwydd, bydd y sgrin hon yn clirio ei hun ymhen {seconds} eiliad.</translation>
    </message>
    <message>
        <source>Keep this reference. Quote it if you contact support about this link.</source>
        <translation>Cadwch y cyfeirnod hwn. Dyfynnwch ef os byddwch yn cysylltu â’r tîm cymorth am y cysylltiad hwn.</translation>
    </message>
    <message>
        <source>Go to {product} portal</source>
        <translation>Mynd i borth {product}</translation>
    </message>
</context>
<context>
    <name>ErrorCatalogue</name>
    <message>
        <source>There is a problem with your smartcard</source>
        <translation>Mae problem gyda’ch cerdyn clyfar</translation>
    </message>
    <message>
        <source>Your smartcard could not be read.</source>
        <translation>Nid oedd modd darllen eich cerdyn clyfar.</translation>
    </message>
    <message>
        <source>Take the card out, put it back in and try again. If this keeps happening, contact your Local Administrator.</source>
        <translation>Tynnwch y cerdyn allan, rhowch ef yn ôl i mewn a rhowch gynnig arall arni. Os yw hyn yn dal i ddigwydd, cysylltwch â’ch Gweinyddwr Lleol.</translation>
    </message>
    <message>
        <source>The smartcard service is not running</source>
        <translation>Nid yw’r gwasanaeth cerdyn clyfar yn rhedeg</translation>
    </message>
    <message>
        <source>This computer&apos;s smartcard service is stopped, so no card can be read.</source>
        <translation>Mae gwasanaeth cerdyn clyfar y cyfrifiadur hwn wedi’i atal, felly nid oes modd darllen unrhyw gerdyn.</translation>
    </message>
    <message>
        <source>Restart the computer. If that does not help, ask your Local Administrator to start the smartcard service.</source>
        <translation>Ailgychwynnwch y cyfrifiadur. Os nad yw hynny’n helpu, gofynnwch i’ch Gweinyddwr Lleol gychwyn y gwasanaeth cerdyn clyfar.</translation>
    </message>
    <message>
        <source>No smartcard reader found</source>
        <translation>Dim darllenydd cerdyn clyfar wedi’i ganfod</translation>
    </message>
    <message>
        <source>No smartcard reader is connected to this computer.</source>
        <translation>Nid oes darllenydd cerdyn clyfar wedi’i gysylltu â’r cyfrifiadur hwn.</translation>
    </message>
    <message>
        <source>Plug in your smartcard reader, then select Retry.</source>
        <translation>Cysylltwch eich darllenydd cerdyn clyfar, yna dewiswch Ceisio eto.</translation>
    </message>
    <message>
        <source>No smartcard in the reader</source>
        <translation>Dim cerdyn clyfar yn y darllenydd</translation>
    </message>
    <message>
        <source>There is no smartcard in the reader.</source>
        <translation>Nid oes cerdyn clyfar yn y darllenydd.</translation>
    </message>
    <message>
        <source>Put your smartcard in the reader, chip first and facing up, then select Retry.</source>
        <translation>Rhowch eich cerdyn clyfar yn y darllenydd, gyda’r sglodyn yn gyntaf ac yn wynebu i fyny, yna dewiswch Ceisio eto.</translation>
    </message>
    <message>
        <source>This card cannot be used</source>
        <translation>Nid oes modd defnyddio’r cerdyn hwn</translation>
    </message>
    <message>
        <source>The card in the reader is not an NHS Smartcard this app can use. Series 4, 5 and 6 cards are no longer supported.</source>
        <translation>Nid yw’r cerdyn yn y darllenydd yn Gerdyn Clyfar GIG y gall yr ap hwn ei ddefnyddio. Nid yw cardiau Cyfres 4, 5 a 6 yn cael eu cefnogi mwyach.</translation>
    </message>
    <message>
        <source>Check you inserted your NHS Smartcard. If it is an old card, ask your Registration Authority for a new one.</source>
        <translation>Gwiriwch eich bod wedi rhoi eich Cerdyn Clyfar GIG i mewn. Os yw’n hen gerdyn, gofynnwch i’ch Awdurdod Cofrestru am un newydd.</translation>
    </message>
    <message>
        <source>This card series no longer works</source>
        <translation>Nid yw’r gyfres hon o gardiau yn gweithio mwyach</translation>
    </message>
    <message>
        <source>The card in the reader is an old NHS Smartcard series (Series 4 to 6) that NHS England has blocked. No passcode was asked for.</source>
        <translation>Mae’r cerdyn yn y darllenydd yn un o hen gyfresi’r Cerdyn Clyfar GIG (Cyfres 4 i 6) y mae GIG Lloegr wedi’u rhwystro. Ni ofynnwyd am god pas.</translation>
    </message>
    <message>
        <source>Ask your Registration Authority for a replacement. If you have a newer NHS Smartcard, insert it and select Retry.</source>
        <translation>Gofynnwch i’ch Awdurdod Cofrestru am un newydd yn ei le. Os oes gennych Gerdyn Clyfar GIG mwy newydd, rhowch ef i mewn a dewiswch Ceisio eto.</translation>
    </message>
    <message>
        <source>This is not an NHS Smartcard</source>
        <translation>Nid Cerdyn Clyfar GIG yw hwn</translation>
    </message>
    <message>
        <source>The card in the reader is a smartcard, but its certificate was not issued by the NHS, so it cannot be linked. No passcode was asked for.</source>
        <translation>Cerdyn clyfar yw’r cerdyn yn y darllenydd, ond nid y GIG a gyhoeddodd ei dystysgrif, felly ni ellir ei gysylltu. Ni ofynnwyd am god pas.</translation>
    </message>
    <message>
        <source>Take it out and insert your NHS Smartcard, then select Retry.</source>
        <translation>Tynnwch ef allan a rhowch eich Cerdyn Clyfar GIG i mewn, yna dewiswch Ceisio eto.</translation>
    </message>
    <message>
        <source>Smartcard software is not installed</source>
        <translation>Nid yw’r feddalwedd cerdyn clyfar wedi’i gosod</translation>
    </message>
    <message>
        <source>The smartcard software (card middleware) this app needs was not found on this computer.</source>
        <translation>Ni chafwyd hyd i’r feddalwedd cerdyn clyfar (meddalwedd ganol y cerdyn) sydd ei hangen ar yr ap hwn ar y cyfrifiadur hwn.</translation>
    </message>
    <message>
        <source>Ask your Local Administrator to install the NHS smartcard software, then start this app again.</source>
        <translation>Gofynnwch i’ch Gweinyddwr Lleol osod meddalwedd cerdyn clyfar y GIG, yna agorwch yr ap hwn eto.</translation>
    </message>
    <message>
        <source>Smartcard software did not start</source>
        <translation>Ni ddechreuodd y feddalwedd cerdyn clyfar</translation>
    </message>
    <message>
        <source>The smartcard software (card middleware) is installed but failed to start.</source>
        <translation>Mae’r feddalwedd cerdyn clyfar (meddalwedd ganol y cerdyn) wedi’i gosod ond methodd â dechrau.</translation>
    </message>
    <message>
        <source>Restart the computer. If that does not help, ask your Local Administrator to repair the NHS smartcard software.</source>
        <translation>Ailgychwynnwch y cyfrifiadur. Os nad yw hynny’n helpu, gofynnwch i’ch Gweinyddwr Lleol drwsio meddalwedd cerdyn clyfar y GIG.</translation>
    </message>
    <message>
        <source>The passcode was not accepted</source>
        <translation>Ni dderbyniwyd y cod pas</translation>
    </message>
    <message>
        <source>The smartcard did not accept that passcode.</source>
        <translation>Ni dderbyniodd y cerdyn clyfar y cod pas hwnnw.</translation>
    </message>
    <message>
        <source>Check your passcode and try again. Three wrong passcodes lock the card.</source>
        <translation>Gwiriwch eich cod pas a rhowch gynnig arall arni. Mae tri chod pas anghywir yn cloi’r cerdyn.</translation>
    </message>
    <message>
        <source>That passcode is not the right length</source>
        <translation>Nid yw’r cod pas hwnnw’r hyd cywir</translation>
    </message>
    <message>
        <source>The passcode you typed is shorter or longer than your card allows. No attempt was used.</source>
        <translation>Mae’r cod pas a deipiwyd gennych yn fyrrach neu’n hirach nag y mae eich cerdyn yn ei ganiatáu. Ni ddefnyddiwyd unrhyw gynnig.</translation>
    </message>
    <message>
        <source>Type your passcode again.</source>
        <translation>Teipiwch eich cod pas eto.</translation>
    </message>
    <message>
        <source>Your smartcard is locked</source>
        <translation>Mae eich cerdyn clyfar wedi’i gloi</translation>
    </message>
    <message>
        <source>Too many wrong passcodes were entered, so your smartcard is locked. It cannot be used until it is unlocked.</source>
        <translation>Rhoddwyd gormod o godau pas anghywir, felly mae eich cerdyn clyfar wedi’i gloi. Nid oes modd ei ddefnyddio nes iddo gael ei ddatgloi.</translation>
    </message>
    <message>
        <source>Unlock it yourself online (you need an email address or mobile number on your NHS Care Identity profile), or ask your Registration Authority to unlock it.</source>
        <translation>Datglowch ef eich hun ar-lein (mae angen cyfeiriad e-bost neu rif ffôn symudol ar eich proffil NHS Care Identity), neu gofynnwch i’ch Awdurdod Cofrestru ei ddatgloi.</translation>
    </message>
    <message>
        <source>You stopped before your last try</source>
        <translation>Fe wnaethoch stopio cyn eich cynnig olaf</translation>
    </message>
    <message>
        <source>Your card has one passcode try left. You chose not to risk locking it.</source>
        <translation>Mae gan eich cerdyn un cynnig ar ôl i roi’r cod pas. Fe wnaethoch ddewis peidio â mentro ei gloi.</translation>
    </message>
    <message>
        <source>Unlock or reset your passcode online (you need an email address or mobile number on your NHS Care Identity profile), or ask your Registration Authority. Then start again.</source>
        <translation>Datglowch neu ailosodwch eich cod pas ar-lein (mae angen cyfeiriad e-bost neu rif ffôn symudol ar eich proffil NHS Care Identity), neu gofynnwch i’ch Awdurdod Cofrestru. Yna dechreuwch eto.</translation>
    </message>
    <message>
        <source>Time ran out to enter your passcode</source>
        <translation>Daeth yr amser i roi eich cod pas i ben</translation>
    </message>
    <message>
        <source>No passcode was entered on the reader&apos;s keypad in time. No attempt was used.</source>
        <translation>Ni roddwyd cod pas ar fysellbad y darllenydd mewn pryd. Ni ddefnyddiwyd unrhyw gynnig.</translation>
    </message>
    <message>
        <source>Select Retry and type your passcode on the reader&apos;s keypad.</source>
        <translation>Dewiswch Ceisio eto a theipiwch eich cod pas ar fysellbad y darllenydd.</translation>
    </message>
    <message>
        <source>Your smartcard was removed</source>
        <translation>Tynnwyd eich cerdyn clyfar allan</translation>
    </message>
    <message>
        <source>The smartcard was taken out of the reader before the step finished.</source>
        <translation>Tynnwyd y cerdyn clyfar allan o’r darllenydd cyn i’r cam orffen.</translation>
    </message>
    <message>
        <source>Put your smartcard back in the reader, then select Retry.</source>
        <translation>Rhowch eich cerdyn clyfar yn ôl yn y darllenydd, yna dewiswch Ceisio eto.</translation>
    </message>
    <message>
        <source>Your smartcard is in use by another program</source>
        <translation>Mae rhaglen arall yn defnyddio eich cerdyn clyfar</translation>
    </message>
    <message>
        <source>Another program is using the smartcard right now.</source>
        <translation>Mae rhaglen arall yn defnyddio’r cerdyn clyfar ar hyn o bryd.</translation>
    </message>
    <message>
        <source>Close other programs that use the smartcard, then select Retry.</source>
        <translation>Caewch raglenni eraill sy’n defnyddio’r cerdyn clyfar, yna dewiswch Ceisio eto.</translation>
    </message>
    <message>
        <source>No NHS certificate on this card</source>
        <translation>Dim tystysgrif GIG ar y cerdyn hwn</translation>
    </message>
    <message>
        <source>The card does not hold the NHS certificate needed to link it.</source>
        <translation>Nid yw’r cerdyn yn cynnwys y dystysgrif GIG sydd ei hangen i’w gysylltu.</translation>
    </message>
    <message>
        <source>Ask your Registration Authority to check your smartcard.</source>
        <translation>Gofynnwch i’ch Awdurdod Cofrestru wirio eich cerdyn clyfar.</translation>
    </message>
    <message>
        <source>Your smartcard certificate has expired</source>
        <translation>Mae tystysgrif eich cerdyn clyfar wedi dod i ben</translation>
    </message>
    <message>
        <source>The certificate on your smartcard is out of date, so the card cannot be linked.</source>
        <translation>Mae’r dystysgrif ar eich cerdyn clyfar wedi dyddio, felly nid oes modd cysylltu’r cerdyn.</translation>
    </message>
    <message>
        <source>Ask your Registration Authority to renew the certificate on your card, then try again.</source>
        <translation>Gofynnwch i’ch Awdurdod Cofrestru adnewyddu’r dystysgrif ar eich cerdyn, yna rhowch gynnig arall arni.</translation>
    </message>
    <message>
        <source>Sign-in did not work</source>
        <translation>Ni weithiodd y mewngofnodi</translation>
    </message>
    <message>
        <source>Signing in to {product} did not complete.</source>
        <translation>Ni chwblhawyd y mewngofnodi i {product}.</translation>
    </message>
    <message>
        <source>Select Sign in again. If this keeps happening, contact your Local Administrator.</source>
        <translation>Dewiswch Mewngofnodi eto. Os yw hyn yn dal i ddigwydd, cysylltwch â’ch Gweinyddwr Lleol.</translation>
    </message>
    <message>
        <source>Select Sign in again when you are ready.</source>
        <translation>Dewiswch Mewngofnodi eto pan fyddwch yn barod.</translation>
    </message>
    <message>
        <source>Select Sign in again, then finish signing in in your browser.</source>
        <translation>Dewiswch Mewngofnodi eto, yna gorffennwch fewngofnodi yn eich porwr.</translation>
    </message>
    <message>
        <source>Ask your Local Administrator to set a default web browser, then select Sign in again.</source>
        <translation>Gofynnwch i’ch Gweinyddwr Lleol osod porwr gwe diofyn, yna dewiswch Mewngofnodi eto.</translation>
    </message>
    <message>
        <source>Check the computer is connected to the network, then select Sign in again. If this keeps happening, contact your Local Administrator.</source>
        <translation>Gwiriwch fod y cyfrifiadur wedi’i gysylltu â’r rhwydwaith, yna dewiswch Mewngofnodi eto. Os yw hyn yn dal i ddigwydd, cysylltwch â’ch Gweinyddwr Lleol.</translation>
    </message>
    <message>
        <source>Select Sign in again to carry on. If this keeps happening, contact your Local Administrator.</source>
        <translation>Dewiswch Mewngofnodi eto i barhau. Os yw hyn yn dal i ddigwydd, cysylltwch â’ch Gweinyddwr Lleol.</translation>
    </message>
    <message>
        <source>Sign-in was cancelled</source>
        <translation>Canslwyd y mewngofnodi</translation>
    </message>
    <message>
        <source>You cancelled signing in to {product}.</source>
        <translation>Fe wnaethoch ganslo mewngofnodi i {product}.</translation>
    </message>
    <message>
        <source>Sign-in took too long</source>
        <translation>Cymerodd y mewngofnodi ormod o amser</translation>
    </message>
    <message>
        <source>The browser sign-in to {product} was not finished in time.</source>
        <translation>Ni orffennwyd y mewngofnodi i {product} yn y porwr mewn pryd.</translation>
    </message>
    <message>
        <source>The web browser could not be opened</source>
        <translation>Nid oedd modd agor y porwr gwe</translation>
    </message>
    <message>
        <source>Signing in to {product} needs a web browser, and none could be opened.</source>
        <translation>Mae angen porwr gwe i fewngofnodi i {product}, ac nid oedd modd agor un.</translation>
    </message>
    <message>
        <source>Cannot reach the {product} sign-in service</source>
        <translation>Methu cyrraedd gwasanaeth mewngofnodi {product}</translation>
    </message>
    <message>
        <source>This computer could not connect to the {product} sign-in service.</source>
        <translation>Nid oedd modd i’r cyfrifiadur hwn gysylltu â gwasanaeth mewngofnodi {product}.</translation>
    </message>
    <message>
        <source>{product} could not sign you in</source>
        <translation>Nid oedd modd i {product} eich mewngofnodi</translation>
    </message>
    <message>
        <source>The {product} sign-in service refused the sign-in.</source>
        <translation>Gwrthododd gwasanaeth mewngofnodi {product} y mewngofnodi.</translation>
    </message>
    <message>
        <source>Check you used your {product} address and password. If this keeps happening, contact your Local Administrator.</source>
        <translation>Gwiriwch eich bod wedi defnyddio eich cyfeiriad a’ch cyfrinair {product}. Os yw hyn yn dal i ddigwydd, cysylltwch â’ch Gweinyddwr Lleol.</translation>
    </message>
    <message>
        <source>Please sign in again</source>
        <translation>Mewngofnodwch eto</translation>
    </message>
    <message>
        <source>Your {product} sign-in has ended.</source>
        <translation>Mae eich mewngofnodi i {product} wedi dod i ben.</translation>
    </message>
    <message>
        <source>Select Sign in again to carry on where you left off.</source>
        <translation>Dewiswch Mewngofnodi eto i barhau o’r man lle gwnaethoch adael.</translation>
    </message>
    <message>
        <source>Sign-in to {product} was cancelled on the sign-in page.</source>
        <translation>Canslwyd y mewngofnodi i {product} ar y dudalen fewngofnodi.</translation>
    </message>
    <message>
        <source>Your sign-in cannot be remembered</source>
        <translation>Nid oes modd cofio eich mewngofnodi</translation>
    </message>
    <message>
        <source>This computer&apos;s protected store is not available, so your {product} sign-in is kept only until you close this app.</source>
        <translation>Nid yw storfa warchodedig y cyfrifiadur hwn ar gael, felly dim ond nes i chi gau’r ap hwn y cedwir eich mewngofnodi i {product}.</translation>
    </message>
    <message>
        <source>The portal did not accept your {product} sign-in.</source>
        <translation>Ni dderbyniodd y porth eich mewngofnodi i {product}.</translation>
    </message>
    <message>
        <source>Accept the Acceptable Use Policy first</source>
        <translation>Derbyniwch y Polisi Defnydd Derbyniol yn gyntaf</translation>
    </message>
    <message>
        <source>You need to accept the {product} Acceptable Use Policy before you can link your smartcard.</source>
        <translation>Mae angen i chi dderbyn Polisi Defnydd Derbyniol {product} cyn y gallwch gysylltu eich cerdyn clyfar.</translation>
    </message>
    <message>
        <source>Open the policy, accept it, then come back. It can take about 2 hours before linking works.</source>
        <translation>Agorwch y polisi, derbyniwch ef, yna dewch yn ôl. Gall gymryd tua 2 awr cyn i’r cysylltu weithio.</translation>
    </message>
    <message>
        <source>Your {product} account is not active</source>
        <translation>Nid yw eich cyfrif {product} yn weithredol</translation>
    </message>
    <message>
        <source>Your {product} account is not active, so it cannot be linked.</source>
        <translation>Nid yw eich cyfrif {product} yn weithredol, felly nid oes modd ei gysylltu.</translation>
    </message>
    <message>
        <source>Contact your Local Administrator to make your account active.</source>
        <translation>Cysylltwch â’ch Gweinyddwr Lleol i wneud eich cyfrif yn weithredol.</translation>
    </message>
    <message>
        <source>That took too long</source>
        <translation>Cymerodd hynny ormod o amser</translation>
    </message>
    <message>
        <source>The security check for this link ran out of time.</source>
        <translation>Daeth yr amser ar gyfer gwiriad diogelwch y cysylltiad hwn i ben.</translation>
    </message>
    <message>
        <source>Select Retry to run the check again. You may need to enter your passcode again.</source>
        <translation>Dewiswch Ceisio eto i redeg y gwiriad eto. Efallai y bydd angen i chi roi eich cod pas eto.</translation>
    </message>
    <message>
        <source>The security check was already used</source>
        <translation>Roedd y gwiriad diogelwch wedi’i ddefnyddio’n barod</translation>
    </message>
    <message>
        <source>This security check was used already, so it cannot be used again.</source>
        <translation>Mae’r gwiriad diogelwch hwn wedi’i ddefnyddio’n barod, felly nid oes modd ei ddefnyddio eto.</translation>
    </message>
    <message>
        <source>Select Retry to run a new check.</source>
        <translation>Dewiswch Ceisio eto i redeg gwiriad newydd.</translation>
    </message>
    <message>
        <source>Your smartcard is not recognised</source>
        <translation>Nid yw eich cerdyn clyfar yn cael ei adnabod</translation>
    </message>
    <message>
        <source>The portal does not recognise the certificate on this smartcard as an NHS one.</source>
        <translation>Nid yw’r porth yn adnabod y dystysgrif ar y cerdyn clyfar hwn fel un y GIG.</translation>
    </message>
    <message>
        <source>Check you are using your own NHS Smartcard. If you are, contact your Registration Authority.</source>
        <translation>Gwiriwch eich bod yn defnyddio eich Cerdyn Clyfar GIG eich hun. Os ydych chi, cysylltwch â’ch Awdurdod Cofrestru.</translation>
    </message>
    <message>
        <source>Your smartcard certificate has been cancelled</source>
        <translation>Mae tystysgrif eich cerdyn clyfar wedi’i chanslo</translation>
    </message>
    <message>
        <source>The certificate on this smartcard has been revoked, so the card cannot be linked.</source>
        <translation>Mae’r dystysgrif ar y cerdyn clyfar hwn wedi’i dirymu, felly nid oes modd cysylltu’r cerdyn.</translation>
    </message>
    <message>
        <source>Contact your Registration Authority about your smartcard.</source>
        <translation>Cysylltwch â’ch Awdurdod Cofrestru ynghylch eich cerdyn clyfar.</translation>
    </message>
    <message>
        <source>Your smartcard could not be checked</source>
        <translation>Nid oedd modd gwirio eich cerdyn clyfar</translation>
    </message>
    <message>
        <source>The portal could not confirm the signature made by your smartcard.</source>
        <translation>Nid oedd modd i’r porth gadarnhau’r llofnod a wnaed gan eich cerdyn clyfar.</translation>
    </message>
    <message>
        <source>Take the card out, put it back in and start again. If this keeps happening, contact your Local Administrator.</source>
        <translation>Tynnwch y cerdyn allan, rhowch ef yn ôl i mewn a dechreuwch eto. Os yw hyn yn dal i ddigwydd, cysylltwch â’ch Gweinyddwr Lleol.</translation>
    </message>
    <message>
        <source>Your NHS Care Identity was not found</source>
        <translation>Ni chafwyd hyd i’ch NHS Care Identity</translation>
    </message>
    <message>
        <source>The portal cannot find the NHS Care Identity on this smartcard.</source>
        <translation>Nid yw’r porth yn gallu dod o hyd i’r NHS Care Identity ar y cerdyn clyfar hwn.</translation>
    </message>
    <message>
        <source>Contact your Registration Authority to check your NHS Care Identity.</source>
        <translation>Cysylltwch â’ch Awdurdod Cofrestru i wirio eich NHS Care Identity.</translation>
    </message>
    <message>
        <source>Your NHS Care Identity is not active</source>
        <translation>Nid yw eich NHS Care Identity yn weithredol</translation>
    </message>
    <message>
        <source>The NHS Care Identity on this smartcard is not active, so it cannot be linked.</source>
        <translation>Nid yw’r NHS Care Identity ar y cerdyn clyfar hwn yn weithredol, felly nid oes modd ei chysylltu.</translation>
    </message>
    <message>
        <source>Contact your Registration Authority.</source>
        <translation>Cysylltwch â’ch Awdurdod Cofrestru.</translation>
    </message>
    <message>
        <source>Already linked</source>
        <translation>Wedi’i gysylltu’n barod</translation>
    </message>
    <message>
        <source>This {product} account or this smartcard is already linked.</source>
        <translation>Mae’r cyfrif {product} hwn neu’r cerdyn clyfar hwn wedi’i gysylltu’n barod.</translation>
    </message>
    <message>
        <source>If the link is wrong, contact your Local Administrator.</source>
        <translation>Os yw’r cysylltiad yn anghywir, cysylltwch â’ch Gweinyddwr Lleol.</translation>
    </message>
    <message>
        <source>This link request no longer exists</source>
        <translation>Nid yw’r cais cysylltu hwn yn bodoli mwyach</translation>
    </message>
    <message>
        <source>The portal has no record of this link request.</source>
        <translation>Nid oes gan y porth gofnod o’r cais cysylltu hwn.</translation>
    </message>
    <message>
        <source>Start again.</source>
        <translation>Dechreuwch eto.</translation>
    </message>
    <message>
        <source>Too many attempts</source>
        <translation>Gormod o ymdrechion</translation>
    </message>
    <message>
        <source>The portal is receiving too many requests right now.</source>
        <translation>Mae’r porth yn cael gormod o geisiadau ar hyn o bryd.</translation>
    </message>
    <message>
        <source>Wait a minute, then select Retry.</source>
        <translation>Arhoswch funud, yna dewiswch Ceisio eto.</translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation>Aeth rhywbeth o’i le</translation>
    </message>
    <message>
        <source>The portal could not understand a request from this app.</source>
        <translation>Nid oedd y porth yn gallu deall cais gan yr ap hwn.</translation>
    </message>
    <message>
        <source>Start again. If it keeps happening, your Local Administrator may need to update this app.</source>
        <translation>Dechreuwch eto. Os yw’n dal i ddigwydd, efallai y bydd angen i’ch Gweinyddwr Lleol ddiweddaru’r ap hwn.</translation>
    </message>
    <message>
        <source>The time to confirm this link ran out.</source>
        <translation>Daeth yr amser i gadarnhau’r cysylltiad hwn i ben.</translation>
    </message>
    <message>
        <source>Start again from inserting your smartcard.</source>
        <translation>Dechreuwch eto o’r cam rhoi eich cerdyn clyfar i mewn.</translation>
    </message>
    <message>
        <source>The portal is busy</source>
        <translation>Mae’r porth yn brysur</translation>
    </message>
    <message>
        <source>The Link My NHS Accounts portal cannot take requests right now.</source>
        <translation>Nid yw porth Link My NHS Accounts yn gallu derbyn ceisiadau ar hyn o bryd.</translation>
    </message>
    <message>
        <source>Wait a few minutes, then select Retry. Nothing is linked twice if you retry.</source>
        <translation>Arhoswch ychydig funudau, yna dewiswch Ceisio eto. Nid oes dim yn cael ei gysylltu ddwywaith os byddwch yn ceisio eto.</translation>
    </message>
    <message>
        <source>The portal had a problem</source>
        <translation>Cafodd y porth broblem</translation>
    </message>
    <message>
        <source>Something went wrong in the Link My NHS Accounts portal.</source>
        <translation>Aeth rhywbeth o’i le ym mhorth Link My NHS Accounts.</translation>
    </message>
    <message>
        <source>Select Retry in a few minutes. If it keeps happening, copy the details and contact your Local Administrator.</source>
        <translation>Dewiswch Ceisio eto ymhen ychydig funudau. Os yw’n dal i ddigwydd, copïwch y manylion a chysylltwch â’ch Gweinyddwr Lleol.</translation>
    </message>
    <message>
        <source>Cannot reach the portal</source>
        <translation>Methu cyrraedd y porth</translation>
    </message>
    <message>
        <source>This computer could not connect to the Link My NHS Accounts portal.</source>
        <translation>Nid oedd modd i’r cyfrifiadur hwn gysylltu â phorth Link My NHS Accounts.</translation>
    </message>
    <message>
        <source>Check the computer is connected to the network, then select Retry.</source>
        <translation>Gwiriwch fod y cyfrifiadur wedi’i gysylltu â’r rhwydwaith, yna dewiswch Ceisio eto.</translation>
    </message>
    <message>
        <source>Secure connection failed</source>
        <translation>Methodd y cysylltiad diogel</translation>
    </message>
    <message>
        <source>The connection to the portal could not be checked as secure, so it was stopped.</source>
        <translation>Nid oedd modd gwirio bod y cysylltiad â’r porth yn ddiogel, felly cafodd ei atal.</translation>
    </message>
    <message>
        <source>Contact your Local Administrator: the network may be intercepting secure connections.</source>
        <translation>Cysylltwch â’ch Gweinyddwr Lleol: efallai fod y rhwydwaith yn rhyng-gipio cysylltiadau diogel.</translation>
    </message>
    <message>
        <source>The portal is taking too long</source>
        <translation>Mae’r porth yn cymryd gormod o amser</translation>
    </message>
    <message>
        <source>The portal did not answer in time.</source>
        <translation>Ni atebodd y porth mewn pryd.</translation>
    </message>
    <message>
        <source>Select Retry. Nothing is linked twice if you retry.</source>
        <translation>Dewiswch Ceisio eto. Nid oes dim yn cael ei gysylltu ddwywaith os byddwch yn ceisio eto.</translation>
    </message>
    <message>
        <source>The portal gave an answer this app did not expect.</source>
        <translation>Rhoddodd y porth ateb nad oedd yr ap hwn yn ei ddisgwyl.</translation>
    </message>
    <message>
        <source>Select Retry in a few minutes. Nothing is linked twice if you retry.</source>
        <translation>Dewiswch Ceisio eto ymhen ychydig funudau. Nid oes dim yn cael ei gysylltu ddwywaith os byddwch yn ceisio eto.</translation>
    </message>
    <message>
        <source>Wrong portal</source>
        <translation>Y porth anghywir</translation>
    </message>
    <message>
        <source>The portal answered for a different address than the one this app is set up for, so your smartcard was not used.</source>
        <translation>Atebodd y porth ar gyfer cyfeiriad gwahanol i’r un y mae’r ap hwn wedi’i osod ar ei gyfer, felly ni ddefnyddiwyd eich cerdyn clyfar.</translation>
    </message>
    <message>
        <source>Contact your Local Administrator: this app&apos;s portal setting may be wrong.</source>
        <translation>Cysylltwch â’ch Gweinyddwr Lleol: efallai fod gosodiad porth yr ap hwn yn anghywir.</translation>
    </message>
    <message>
        <source>Something went wrong in this app</source>
        <translation>Aeth rhywbeth o’i le yn yr ap hwn</translation>
    </message>
    <message>
        <source>This app hit a problem it did not expect.</source>
        <translation>Cafodd yr ap hwn broblem nad oedd yn ei disgwyl.</translation>
    </message>
    <message>
        <source>Select Retry. If it happens again, copy the details and contact your Local Administrator.</source>
        <translation>Dewiswch Ceisio eto. Os yw’n digwydd eto, copïwch y manylion a chysylltwch â’ch Gweinyddwr Lleol.</translation>
    </message>
</context>
<context>
    <name>ErrorPage</name>
    <message>
        <source>What to do</source>
        <translation>Beth i’w wneud</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Ceisio eto</translation>
    </message>
    <message>
        <source>Start again</source>
        <translation>Dechrau eto</translation>
    </message>
    <message>
        <source>Copy details for support</source>
        <translation>Copïo’r manylion i’r tîm cymorth</translation>
    </message>
    <message>
        <source>Copied. Paste it into your message to support.</source>
        <translation>Wedi’i gopïo. Gludwch ef i’ch neges at y tîm cymorth.</translation>
    </message>
    <message>
        <source>Details for support: {code}</source>
        <translation>Manylion ar gyfer y tîm cymorth: {code}</translation>
    </message>
    <message>
        <source> · request id {rid}</source>
        <translation> · rhif adnabod y cais {rid}</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <source>Help and support</source>
        <translation>Help a chymorth</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cau</translation>
    </message>
</context>
<context>
    <name>HelpPanel</name>
    <message>
        <source>Help and support</source>
        <translation>Help a chymorth</translation>
    </message>
    <message>
        <source>1. {text}</source>
        <translation>1. {text}</translation>
    </message>
    <message>
        <source> or call {phone}</source>
        <translation> neu ffoniwch {phone}</translation>
    </message>
    <message>
        <source>2. If that does not solve it, contact the {product} Helpdesk{phone}.</source>
        <translation>2. Os nad yw hynny’n datrys y broblem, cysylltwch â Desg Gymorth {product}{phone}.</translation>
    </message>
    <message>
        <source>Open the Helpdesk website</source>
        <translation>Agor gwefan y Ddesg Gymorth</translation>
    </message>
</context>
<context>
    <name>IdleWarning</name>
    <message>
        <source>Are you still there?</source>
        <translation>Ydych chi yno o hyd?</translation>
    </message>
    <message>
        <source>I&apos;m still here</source>
        <translation>Rydw i yma o hyd</translation>
    </message>
    <message>
        <source>For your privacy this screen clears itself in {seconds} seconds.</source>
        <translation>Er mwyn diogelu eich preifatrwydd, bydd y sgrin hon yn clirio ei hun ymhen {seconds} eiliad.</translation>
    </message>
</context>
<context>
    <name>InsertCardPage</name>
    <message>
        <source>Back</source>
        <translation>Yn ôl</translation>
    </message>
    <message>
        <source>Insert your smartcard</source>
        <translation>Rhowch eich cerdyn clyfar i mewn</translation>
    </message>
    <message>
        <source>Put your NHS Smartcard in the card reader, chip first and facing up. This page updates by itself.</source>
        <translation>Rhowch eich Cerdyn Clyfar GIG yn y darllenydd cardiau, gyda’r sglodyn yn gyntaf ac yn wynebu i fyny. Mae’r dudalen hon yn diweddaru ei hun.</translation>
    </message>
    <message>
        <source>Card readers</source>
        <translation>Darllenwyr cardiau</translation>
    </message>
    <message>
        <source>Card reader</source>
        <translation>Darllenydd cardiau</translation>
    </message>
    <message>
        <source>a card</source>
        <translation>cerdyn</translation>
    </message>
    <message>
        <source>{reader}: {card} inserted</source>
        <translation>{reader}: {card} wedi’i roi i mewn</translation>
    </message>
    <message>
        <source>{reader}: no card</source>
        <translation>{reader}: dim cerdyn</translation>
    </message>
    <message>
        <source>Use this reader</source>
        <translation>Defnyddio’r darllenydd hwn</translation>
    </message>
    <message>
        <source>Use {reader}</source>
        <translation>Defnyddio {reader}</translation>
    </message>
    <message>
        <source>{reader}: NHS Care Identity {uuid}, card {serial}</source>
        <translation>{reader}: NHS Care Identity {uuid}, cerdyn {serial}</translation>
    </message>
    <message>
        <source>{reader}: not an NHS Smartcard</source>
        <translation>{reader}: nid Cerdyn Clyfar GIG</translation>
    </message>
</context>
<context>
    <name>Journey</name>
    <message>
        <source>NHS Care Identity</source>
        <translation>NHS Care Identity</translation>
    </message>
    <message>
        <source>Your NHS Smartcard: the identity you use for clinical systems.</source>
        <translation>Eich Cerdyn Clyfar GIG: yr hunaniaeth rydych yn ei defnyddio ar gyfer systemau clinigol.</translation>
    </message>
    <message>
        <source>Your {product} account is not active</source>
        <translation>Nid yw eich cyfrif {product} yn weithredol</translation>
    </message>
    <message>
        <source>Only an active {product} account can be linked.</source>
        <translation>Dim ond cyfrif {product} gweithredol y gellir ei gysylltu.</translation>
    </message>
    <message>
        <source>Contact your Local Administrator to make your account active.</source>
        <translation>Cysylltwch â’ch Gweinyddwr Lleol i wneud eich cyfrif yn weithredol.</translation>
    </message>
    <message>
        <source>Accept the Acceptable Use Policy first</source>
        <translation>Derbyniwch y Polisi Defnydd Derbyniol yn gyntaf</translation>
    </message>
    <message>
        <source>You need to accept the {product} Acceptable Use Policy (AUP) before you can link your smartcard.</source>
        <translation>Mae angen i chi dderbyn Polisi Defnydd Derbyniol (AUP) {product} cyn y gallwch gysylltu eich cerdyn clyfar.</translation>
    </message>
    <message>
        <source>Open the policy and accept it. It can take about 2 hours before linking works. Then come back and select Check again.</source>
        <translation>Agorwch y polisi a’i dderbyn. Gall gymryd tua 2 awr cyn i’r cysylltu weithio. Yna dewch yn ôl a dewiswch Gwirio eto.</translation>
    </message>
    <message>
        <source>Open the Acceptable Use Policy</source>
        <translation>Agor y Polisi Defnydd Derbyniol</translation>
    </message>
    <message>
        <source>Your {product} account is already linked</source>
        <translation>Mae eich cyfrif {product} wedi’i gysylltu’n barod</translation>
    </message>
    <message>
        <source>Your {product} account is already linked to your NHS Care Identity, Care Identity number {uuid} (since {date}).</source>
        <translation>Mae eich cyfrif {product} wedi’i gysylltu’n barod â’ch NHS Care Identity, rhif Care Identity {uuid} (ers {date}).</translation>
    </message>
    <message>
        <source>There is nothing more to do. If this link is wrong, contact your Local Administrator and quote reference {reference}.</source>
        <translation>Does dim byd arall i’w wneud. Os yw’r cysylltiad hwn yn anghywir, cysylltwch â’ch Gweinyddwr Lleol a dyfynnwch y cyfeirnod {reference}.</translation>
    </message>
    <message>
        <source>There is a card in more than one reader. Choose the reader with your card.</source>
        <translation>Mae cerdyn mewn mwy nag un darllenydd. Dewiswch y darllenydd sydd â’ch cerdyn chi ynddo.</translation>
    </message>
    <message>
        <source>Remove the card that is in the reader, then insert your own.</source>
        <translation>Tynnwch y cerdyn sydd yn y darllenydd, yna rhowch eich cerdyn eich hun i mewn.</translation>
    </message>
    <message>
        <source>The smartcard service on this computer is not running, so no reader or card can be seen. Restart the computer, or ask your Local Administrator to start it.</source>
        <translation>Nid yw’r gwasanaeth cerdyn clyfar ar y cyfrifiadur hwn yn rhedeg, felly ni ellir gweld unrhyw ddarllenydd na cherdyn. Ailgychwynnwch y cyfrifiadur, neu gofynnwch i’ch Gweinyddwr Lleol ei gychwyn.</translation>
    </message>
    <message>
        <source>Connect your smartcard reader to this computer.</source>
        <translation>Cysylltwch eich darllenydd cerdyn clyfar â’r cyfrifiadur hwn.</translation>
    </message>
    <message>
        <source>Put your smartcard in the reader.</source>
        <translation>Rhowch eich cerdyn clyfar yn y darllenydd.</translation>
    </message>
    <message>
        <source>Put your smartcard in one of the readers.</source>
        <translation>Rhowch eich cerdyn clyfar yn un o’r darllenwyr.</translation>
    </message>
    <message>
        <source>This certificate expired on {date}. Ask your Registration Authority to renew it.</source>
        <translation>Daeth y dystysgrif hon i ben ar {date}. Gofynnwch i’ch Awdurdod Cofrestru ei hadnewyddu.</translation>
    </message>
    <message>
        <source>This certificate expires in {days} days ({date}). You can renew it with your Registration Authority.</source>
        <translation>Mae’r dystysgrif hon yn dod i ben ymhen {days} diwrnod ({date}). Gallwch ei hadnewyddu gyda’ch Awdurdod Cofrestru.</translation>
    </message>
    <message>
        <source>Your smartcard is locked because too many wrong passcodes were entered.</source>
        <translation>Mae eich cerdyn clyfar wedi’i gloi oherwydd bod gormod o godau pas anghywir wedi’u rhoi.</translation>
    </message>
    <message>
        <source>Unlock it online (you need an email address or mobile number on your NHS Care Identity profile), or ask your Registration Authority to unlock it. Then start again.</source>
        <translation>Datglowch ef ar-lein (mae angen cyfeiriad e-bost neu rif ffôn symudol ar eich proffil NHS Care Identity), neu gofynnwch i’ch Awdurdod Cofrestru ei ddatgloi. Yna dechreuwch eto.</translation>
    </message>
    <message>
        <source>The certificate on this smartcard expired on {date}.</source>
        <translation>Daeth y dystysgrif ar y cerdyn clyfar hwn i ben ar {date}.</translation>
    </message>
    <message>
        <source>Ask your Registration Authority to renew the certificate on your card. Then start again.</source>
        <translation>Gofynnwch i’ch Awdurdod Cofrestru adnewyddu’r dystysgrif ar eich cerdyn. Yna dechreuwch eto.</translation>
    </message>
    <message>
        <source>Reading your smartcard…</source>
        <translation>Yn darllen eich cerdyn clyfar…</translation>
    </message>
    <message>
        <source>Your smartcard was removed. Put it back in the reader to carry on.</source>
        <translation>Tynnwyd eich cerdyn clyfar allan. Rhowch ef yn ôl yn y darllenydd i barhau.</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Ceisio eto</translation>
    </message>
    <message>
        <source>Your smartcard is already linked</source>
        <translation>Mae eich cerdyn clyfar wedi’i gysylltu’n barod</translation>
    </message>
    <message>
        <source>The NHS Care Identity on this smartcard is already linked to another {product} account ({account}).</source>
        <translation>Mae’r NHS Care Identity ar y cerdyn clyfar hwn wedi’i chysylltu’n barod â chyfrif {product} arall ({account}).</translation>
    </message>
    <message>
        <source>A smartcard can be linked to one {product} account. If that account is not yours, or the link is wrong, contact your Local Administrator.</source>
        <translation>Gellir cysylltu cerdyn clyfar ag un cyfrif {product}. Os nad eich cyfrif chi yw hwnnw, neu os yw’r cysylltiad yn anghywir, cysylltwch â’ch Gweinyddwr Lleol.</translation>
    </message>
    <message>
        <source>Your {product} account is already linked to Care Identity number {identity}.</source>
        <translation>Mae eich cyfrif {product} wedi’i gysylltu’n barod â rhif Care Identity {identity}.</translation>
    </message>
    <message>
        <source>An {product} account can be linked to one NHS Care Identity. If this link is wrong, contact your Local Administrator.</source>
        <translation>Gellir cysylltu cyfrif {product} ag un NHS Care Identity. Os yw’r cysylltiad hwn yn anghywir, cysylltwch â’ch Gweinyddwr Lleol.</translation>
    </message>
    <message>
        <source>Unlock my smartcard online</source>
        <translation>Datgloi fy ngherdyn clyfar ar-lein</translation>
    </message>
    <message>
        <source>Open the Helpdesk</source>
        <translation>Agor y Ddesg Gymorth</translation>
    </message>
    <message>
        <source>Checking your smartcard with the portal…</source>
        <translation>Yn gwirio eich cerdyn clyfar gyda’r porth…</translation>
    </message>
    <message>
        <source>Linking your accounts…</source>
        <translation>Yn cysylltu eich cyfrifon…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Yn canslo…</translation>
    </message>
    <message>
        <source>Sign in again</source>
        <translation>Mewngofnodi eto</translation>
    </message>
    <message>
        <source>Checking your smartcard…</source>
        <translation>Yn gwirio eich cerdyn clyfar…</translation>
    </message>
    <message>
        <source>Your passcode must be {min} to {max} characters. No attempt was used.</source>
        <translation>Rhaid i’ch cod pas fod rhwng {min} a {max} nod. Ni ddefnyddiwyd unrhyw gynnig.</translation>
    </message>
    <message>
        <source>Enter your passcode on the card reader&apos;s keypad.</source>
        <translation>Rhowch eich cod pas ar fysellbad y darllenydd cardiau.</translation>
    </message>
    <message>
        <source>Checking your passcode…</source>
        <translation>Yn gwirio eich cod pas…</translation>
    </message>
    <message>
        <source>That passcode was not accepted.</source>
        <translation>Ni dderbyniwyd y cod pas hwnnw.</translation>
    </message>
    <message>
        <source>Smartcard service</source>
        <translation>Gwasanaeth cerdyn clyfar</translation>
    </message>
    <message>
        <source>Smartcard reader</source>
        <translation>Darllenydd cerdyn clyfar</translation>
    </message>
    <message>
        <source>Smartcard software</source>
        <translation>Meddalwedd cerdyn clyfar</translation>
    </message>
    <message>
        <source>Link My NHS Accounts portal</source>
        <translation>Porth Link My NHS Accounts</translation>
    </message>
    <message>
        <source>The smartcard service is not running. Restart the computer, or ask your Local Administrator to start it.</source>
        <translation>Nid yw’r gwasanaeth cerdyn clyfar yn rhedeg. Ailgychwynnwch y cyfrifiadur, neu gofynnwch i’ch Gweinyddwr Lleol ei gychwyn.</translation>
    </message>
    <message>
        <source>No smartcard reader found. Plug in your smartcard reader.</source>
        <translation>Ni chafwyd hyd i ddarllenydd cerdyn clyfar. Cysylltwch eich darllenydd cerdyn clyfar.</translation>
    </message>
    <message>
        <source>The NHS smartcard software did not start. Restart the computer, or ask your Local Administrator to repair it.</source>
        <translation>Ni ddechreuodd meddalwedd cerdyn clyfar y GIG. Ailgychwynnwch y cyfrifiadur, neu gofynnwch i’ch Gweinyddwr Lleol ei thrwsio.</translation>
    </message>
    <message>
        <source>No smartcard software was found. Ask your Local Administrator to install it: OpenSC for Series 9 and 10 cards, Oberthur AWP for Series 8 cards.</source>
        <translation>Ni chanfuwyd meddalwedd cerdyn clyfar. Gofynnwch i’ch Gweinyddwr Lleol ei gosod: OpenSC ar gyfer cardiau Cyfres 9 a 10, Oberthur AWP ar gyfer cardiau Cyfres 8.</translation>
    </message>
    <message>
        <source>Checked once the smartcard service is running.</source>
        <translation>Caiff ei wirio pan fydd y gwasanaeth cerdyn clyfar yn rhedeg.</translation>
    </message>
    <message>
        <source>{name}: {path}</source>
        <translation>{name}: {path}</translation>
    </message>
    <message>
        <source>Looked in: {places}</source>
        <translation>Wedi chwilio yn: {places}</translation>
    </message>
    <message>
        <source>The secure connection to the portal failed. Ask your Local Administrator.</source>
        <translation>Methodd y cysylltiad diogel â’r porth. Gofynnwch i’ch Gweinyddwr Lleol.</translation>
    </message>
    <message>
        <source>The portal is not available. Try again in a few minutes.</source>
        <translation>Nid yw’r porth ar gael. Rhowch gynnig arall arni ymhen ychydig funudau.</translation>
    </message>
    <message>
        <source>Cannot reach the portal. Check this computer is connected to the network.</source>
        <translation>Methu cyrraedd y porth. Gwiriwch fod y cyfrifiadur hwn wedi’i gysylltu â’r rhwydwaith.</translation>
    </message>
    <message>
        <source>Opening the {product} sign-in…</source>
        <translation>Yn agor y dudalen fewngofnodi {product}…</translation>
    </message>
    <message>
        <source>Waiting for you to finish signing in to {product} in your browser…</source>
        <translation>Yn aros i chi orffen mewngofnodi i {product} yn eich porwr…</translation>
    </message>
    <message>
        <source>Waiting for you to finish signing in to {product} in a web browser…</source>
        <translation>Yn aros i chi orffen mewngofnodi i {product} mewn porwr gwe…</translation>
    </message>
    <message>
        <source>Checking your {product} account…</source>
        <translation>Yn gwirio eich cyfrif {product}…</translation>
    </message>
</context>
<context>
    <name>LanguageSwitch</name>
    <message>
        <source>Language</source>
        <translation>Iaith</translation>
    </message>
    <message>
        <source>The language in use</source>
        <translation>Yr iaith sy’n cael ei defnyddio</translation>
    </message>
    <message>
        <source>Change the language</source>
        <translation>Newid yr iaith</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Link your NHS Smartcard</source>
        <translation>Cysylltu eich Cerdyn Clyfar GIG</translation>
    </message>
    <message>
        <source>to your {product} account</source>
        <translation>â’ch cyfrif {product}</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Mewngofnodi</translation>
    </message>
    <message>
        <source>Your account</source>
        <translation>Eich cyfrif</translation>
    </message>
    <message>
        <source>Smartcard</source>
        <translation>Cerdyn clyfar</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Adolygu</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Wedi gorffen</translation>
    </message>
    <message>
        <source>{n}. {name}</source>
        <translation>{n}. {name}</translation>
    </message>
    <message>
        <source>Help and support</source>
        <translation>Help a chymorth</translation>
    </message>
    <message>
        <source>Version {v}</source>
        <translation>Fersiwn {v}</translation>
    </message>
    <message>
        <source>done</source>
        <translation>wedi’i wneud</translation>
    </message>
    <message>
        <source>current</source>
        <translation>cam presennol</translation>
    </message>
    <message>
        <source>to do</source>
        <translation>i’w wneud</translation>
    </message>
    <message>
        <source>{step} ({status})</source>
        <translation>{step} ({status})</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <source>Smartcard passcode</source>
        <translation>Cod pas y cerdyn clyfar</translation>
    </message>
    <message>
        <source>Enter your smartcard passcode</source>
        <translation>Rhowch god pas eich cerdyn clyfar</translation>
    </message>
    <message>
        <source>Enter your passcode on the card reader</source>
        <translation>Rhowch eich cod pas ar y darllenydd cardiau</translation>
    </message>
    <message>
        <source>This is your last try. If this passcode is wrong, your smartcard will be locked and you will need to get it unlocked before you can use it.</source>
        <translation>Dyma eich cynnig olaf. Os yw’r cod pas hwn yn anghywir, bydd eich cerdyn clyfar yn cael ei gloi a bydd angen i chi ei ddatgloi cyn y gallwch ei ddefnyddio.</translation>
    </message>
    <message>
        <source>Stop and unlock my card online instead</source>
        <translation>Stopio, a datgloi fy ngherdyn ar-lein</translation>
    </message>
    <message>
        <source>Passcode</source>
        <translation>Cod pas</translation>
    </message>
    <message>
        <source>Type your passcode on the card reader&apos;s keypad, then press OK (or Enter) on the reader.</source>
        <translation>Teipiwch eich cod pas ar fysellbad y darllenydd cardiau, yna pwyswch OK (neu Enter) ar y darllenydd.</translation>
    </message>
    <message>
        <source>Time left to enter your passcode</source>
        <translation>Amser ar ôl i roi eich cod pas</translation>
    </message>
    <message>
        <source>Use the keypad</source>
        <translation>Defnyddiwch y bysellbad</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Parhau</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Canslo</translation>
    </message>
    <message>
        <source>You have 1 try left.</source>
        <translation>Mae gennych 1 cynnig ar ôl.</translation>
    </message>
    <message>
        <source>You have {tries} tries left.</source>
        <translation>Mae gennych {tries} cynnig ar ôl.</translation>
    </message>
    <message>
        <source>A wrong passcode was entered before: you have fewer tries left.</source>
        <translation>Cafodd cod pas anghywir ei roi o’r blaen: mae gennych lai o gynigion ar ôl.</translation>
    </message>
    <message>
        <source>Three wrong passcodes in a row lock the card.</source>
        <translation>Mae tri chod pas anghywir yn olynol yn cloi’r cerdyn.</translation>
    </message>
    <message>
        <source>NHS Smartcard passcodes have {min} to {max} characters.</source>
        <translation>Mae gan godau pas Cerdyn Clyfar GIG rhwng {min} a {max} nod.</translation>
    </message>
    <message>
        <source>{n} characters</source>
        <translation>{n} nod</translation>
    </message>
    <message>
        <source>{min} to {max} characters</source>
        <translation>{min} i {max} nod</translation>
    </message>
    <message>
        <source>{seconds} seconds left</source>
        <translation>{seconds} eiliad ar ôl</translation>
    </message>
</context>
<context>
    <name>QLineEdit</name>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Dadwneud</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Ailwneud</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>&amp;Torri</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copïo</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>&amp;Gludo</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Dileu</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>Dewis y Cyfan</translation>
    </message>
</context>
<context>
    <name>QMessageBox</name>
    <message>
        <source>Show Details...</source>
        <translation>Dangos y Manylion...</translation>
    </message>
    <message>
        <source>Hide Details...</source>
        <translation>Cuddio’r Manylion...</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>OK</source>
        <translation>Iawn</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Canslo</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cau</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ie</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Na</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Help</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Ceisio eto</translation>
    </message>
</context>
<context>
    <name>QWidgetTextControl</name>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copïo</translation>
    </message>
    <message>
        <source>Copy &amp;Link Location</source>
        <translation>Copïo Lleoliad y &amp;Ddolen</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>Dewis y Cyfan</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>Confirm and link</source>
        <translation>Cadarnhau a chysylltu</translation>
    </message>
    <message>
        <source>Both accounts are mine</source>
        <translation>Mae’r ddau gyfrif yn perthyn i mi</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Canslo</translation>
    </message>
    <message>
        <source>Check these details</source>
        <translation>Gwiriwch y manylion hyn</translation>
    </message>
    <message>
        <source>Linking connects these two accounts. Only confirm if both are yours.</source>
        <translation>Mae’r cam hwn yn cysylltu’r ddau gyfrif hyn. Dim ond os ydynt ill dau yn perthyn i chi y dylech gadarnhau.</translation>
    </message>
    <message>
        <source>{product} account</source>
        <translation>Cyfrif {product}</translation>
    </message>
    <message>
        <source>NHS Care Identity (smartcard)</source>
        <translation>NHS Care Identity (cerdyn clyfar)</translation>
    </message>
    <message>
        <source>Care Identity number (UUID)</source>
        <translation>Rhif Care Identity (UUID)</translation>
    </message>
    <message>
        <source>Care Identity number {digits}</source>
        <translation>Rhif Care Identity {digits}</translation>
    </message>
    <message>
        <source>The names are different. Your {product} account is in the name {account}; your smartcard is in the name {card}. Only link them if both are yours. If they are not, select Cancel.</source>
        <translation>Mae’r enwau’n wahanol. Mae eich cyfrif {product} yn enw {account}; mae eich cerdyn clyfar yn enw {card}. Dim ond os ydynt ill dau yn perthyn i chi y dylech eu cysylltu. Os nad ydynt, dewiswch Canslo.</translation>
    </message>
    <message>
        <source>Card certificate valid until {date}</source>
        <translation>Tystysgrif y cerdyn yn ddilys tan {date}</translation>
    </message>
    <message>
        <source>Checked by the Link My NHS Accounts portal at {host}.</source>
        <translation>Wedi’i wirio gan borth Link My NHS Accounts yn {host}.</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>Contact your Local Administrator (your organisation&apos;s IT service desk or Registration Authority team).</source>
        <translation>Cysylltwch â’ch Gweinyddwr Lleol (desg gwasanaeth TG eich sefydliad neu dîm yr Awdurdod Cofrestru).</translation>
    </message>
</context>
<context>
    <name>SignInBrowserPage</name>
    <message>
        <source>Sign-in did not finish</source>
        <translation>Ni orffennodd y mewngofnodi</translation>
    </message>
    <message>
        <source>Return to Smartcard Linker to see what happened.</source>
        <translation>Ewch yn ôl i Smartcard Linker i weld beth ddigwyddodd.</translation>
    </message>
    <message>
        <source>You&apos;re signed in</source>
        <translation>Rydych wedi mewngofnodi</translation>
    </message>
    <message>
        <source>Return to Smartcard Linker. You can close this tab.</source>
        <translation>Ewch yn ôl i Smartcard Linker. Gallwch gau’r tab hwn.</translation>
    </message>
    <message>
        <source>Waiting for sign-in to finish in the browser.</source>
        <translation>Yn aros i’r mewngofnodi orffen yn y porwr.</translation>
    </message>
    <message>
        <source>This is not a sign-in response.</source>
        <translation>Nid ymateb mewngofnodi yw hwn.</translation>
    </message>
    <message>
        <source>This response is not for the current sign-in.</source>
        <translation>Nid yw’r ymateb hwn ar gyfer y mewngofnodi presennol.</translation>
    </message>
</context>
<context>
    <name>SignInMessages</name>
    <message>
        <source>Your {product} account is disabled</source>
        <translation>Mae eich cyfrif {product} wedi’i analluogi</translation>
    </message>
    <message>
        <source>Your {product} account is locked</source>
        <translation>Mae eich cyfrif {product} wedi’i gloi</translation>
    </message>
    <message>
        <source>Your {product} password has expired</source>
        <translation>Mae eich cyfrinair {product} wedi dod i ben</translation>
    </message>
    <message>
        <source>Sign-in needs your second step</source>
        <translation>Mae angen eich ail gam ar gyfer mewngofnodi</translation>
    </message>
    <message>
        <source>Set up multi-factor authentication first</source>
        <translation>Gosodwch ddilysu aml-ffactor yn gyntaf</translation>
    </message>
    <message>
        <source>This app needs approval</source>
        <translation>Mae angen cymeradwyo’r ap hwn</translation>
    </message>
    <message>
        <source>This app needs administrator approval</source>
        <translation>Mae angen i weinyddwr gymeradwyo’r ap hwn</translation>
    </message>
    <message>
        <source>That is not an {product} account</source>
        <translation>Nid cyfrif {product} yw hwnnw</translation>
    </message>
    <message>
        <source>Account not found</source>
        <translation>Ni chafwyd hyd i’r cyfrif</translation>
    </message>
    <message>
        <source>Wrong address or password</source>
        <translation>Cyfeiriad neu gyfrinair anghywir</translation>
    </message>
    <message>
        <source>You are not allowed to use this app</source>
        <translation>Nid oes gennych ganiatâd i ddefnyddio’r ap hwn</translation>
    </message>
    <message>
        <source>Sign-in blocked by your organisation</source>
        <translation>Mae eich sefydliad wedi rhwystro’r mewngofnodi</translation>
    </message>
    <message>
        <source>This app is not set up correctly</source>
        <translation>Nid yw’r ap hwn wedi’i osod yn gywir</translation>
    </message>
    <message>
        <source>Sign-in cancelled</source>
        <translation>Canslwyd y mewngofnodi</translation>
    </message>
    <message>
        <source>You cancelled sign-in on the {product} page. Sign in to continue.</source>
        <translation>Fe wnaethoch ganslo’r mewngofnodi ar dudalen {product}. Mewngofnodwch i barhau.</translation>
    </message>
    <message>
        <source>Sign-in was cancelled.</source>
        <translation>Canslwyd y mewngofnodi.</translation>
    </message>
    <message>
        <source>Sign-in took too long</source>
        <translation>Cymerodd y mewngofnodi ormod o amser</translation>
    </message>
    <message>
        <source>The sign-in page was not completed in time. Try again; if the browser did not open, check it is not hidden behind this window.</source>
        <translation>Ni chwblhawyd y dudalen fewngofnodi mewn pryd. Rhowch gynnig arall arni; os na agorodd y porwr, gwiriwch nad yw wedi’i guddio y tu ôl i’r ffenestr hon.</translation>
    </message>
    <message>
        <source>Your web browser did not open</source>
        <translation>Ni agorodd eich porwr gwe</translation>
    </message>
    <message>
        <source>Copy this address into a web browser on this computer to sign in: {url}</source>
        <translation>Copïwch y cyfeiriad hwn i borwr gwe ar y cyfrifiadur hwn i fewngofnodi: {url}</translation>
    </message>
    <message>
        <source>Secure connection failed</source>
        <translation>Methodd y cysylltiad diogel</translation>
    </message>
    <message>
        <source>Your {product} account has been disabled, so you cannot sign in and it cannot be linked.</source>
        <translation>Mae eich cyfrif {product} wedi’i analluogi, felly nid oes modd i chi fewngofnodi ac nid oes modd ei gysylltu.</translation>
    </message>
    <message>
        <source>Ask your Local Administrator to re-enable your account. Then start again.</source>
        <translation>Gofynnwch i’ch Gweinyddwr Lleol alluogi eich cyfrif eto. Yna dechreuwch eto.</translation>
    </message>
    <message>
        <source>Too many sign-in attempts locked your {product} account for a while.</source>
        <translation>Mae gormod o ymdrechion i fewngofnodi wedi cloi eich cyfrif {product} am ychydig.</translation>
    </message>
    <message>
        <source>Wait a while, then select Sign in again. If it stays locked, ask your Local Administrator.</source>
        <translation>Arhoswch am ychydig, yna dewiswch Mewngofnodi eto. Os yw’n parhau wedi’i gloi, gofynnwch i’ch Gweinyddwr Lleol.</translation>
    </message>
    <message>
        <source>Your {product} password has expired, so the sign-in stopped.</source>
        <translation>Mae eich cyfrinair {product} wedi dod i ben, felly daeth y mewngofnodi i ben.</translation>
    </message>
    <message>
        <source>Change your {product} password, then select Sign in again.</source>
        <translation>Newidiwch eich cyfrinair {product}, yna dewiswch Mewngofnodi eto.</translation>
    </message>
    <message>
        <source>{product} asks for a second step (multi-factor authentication) that was not completed.</source>
        <translation>Mae {product} yn gofyn am ail gam (dilysu aml-ffactor) na chafodd ei gwblhau.</translation>
    </message>
    <message>
        <source>Select Sign in again and finish the verification step.</source>
        <translation>Dewiswch Mewngofnodi eto a gorffennwch y cam dilysu.</translation>
    </message>
    <message>
        <source>Your {product} account must register for multi-factor authentication.</source>
        <translation>Rhaid i’ch cyfrif {product} gofrestru ar gyfer dilysu aml-ffactor.</translation>
    </message>
    <message>
        <source>Select Sign in again and follow the set-up steps.</source>
        <translation>Dewiswch Mewngofnodi eto a dilynwch y camau gosod.</translation>
    </message>
    <message>
        <source>Strong authentication was required but not completed.</source>
        <translation>Roedd angen dilysu cryf ond ni chafodd ei gwblhau.</translation>
    </message>
    <message>
        <source>Your organisation has not approved this app for your {product} account yet.</source>
        <translation>Nid yw eich sefydliad wedi cymeradwyo’r ap hwn ar gyfer eich cyfrif {product} eto.</translation>
    </message>
    <message>
        <source>Ask your Local Administrator to approve it. Then start again.</source>
        <translation>Gofynnwch i’ch Gweinyddwr Lleol ei gymeradwyo. Yna dechreuwch eto.</translation>
    </message>
    <message>
        <source>An administrator must approve this app before you can sign in.</source>
        <translation>Rhaid i weinyddwr gymeradwyo’r ap hwn cyn y gallwch fewngofnodi.</translation>
    </message>
    <message>
        <source>The account you signed in with does not belong to {product}.</source>
        <translation>Nid yw’r cyfrif y gwnaethoch fewngofnodi ag ef yn perthyn i {product}.</translation>
    </message>
    <message>
        <source>Select Sign in again and use your nhs.net address.</source>
        <translation>Dewiswch Mewngofnodi eto a defnyddiwch eich cyfeiriad nhs.net.</translation>
    </message>
    <message>
        <source>{product} has no account with that address.</source>
        <translation>Nid oes gan {product} gyfrif gyda’r cyfeiriad hwnnw.</translation>
    </message>
    <message>
        <source>Check the address, then select Sign in again.</source>
        <translation>Gwiriwch y cyfeiriad, yna dewiswch Mewngofnodi eto.</translation>
    </message>
    <message>
        <source>Your {product} address or password was not right.</source>
        <translation>Nid oedd eich cyfeiriad neu’ch cyfrinair {product} yn gywir.</translation>
    </message>
    <message>
        <source>Check them, then select Sign in again.</source>
        <translation>Gwiriwch nhw, yna dewiswch Mewngofnodi eto.</translation>
    </message>
    <message>
        <source>Your {product} account is not assigned to this app.</source>
        <translation>Nid yw eich cyfrif {product} wedi’i neilltuo i’r ap hwn.</translation>
    </message>
    <message>
        <source>Ask your Local Administrator to give you access. Then start again.</source>
        <translation>Gofynnwch i’ch Gweinyddwr Lleol roi mynediad i chi. Yna dechreuwch eto.</translation>
    </message>
    <message>
        <source>Your organisation&apos;s access policy blocked this sign-in on this computer.</source>
        <translation>Mae polisi mynediad eich sefydliad wedi rhwystro’r mewngofnodi hwn ar y cyfrifiadur hwn.</translation>
    </message>
    <message>
        <source>Ask your Local Administrator. Then start again.</source>
        <translation>Gofynnwch i’ch Gweinyddwr Lleol. Yna dechreuwch eto.</translation>
    </message>
    <message>
        <source>The app&apos;s registration was not found in {product} (its client id setting is wrong).</source>
        <translation>Ni chafwyd hyd i gofrestriad yr ap yn {product} (mae ei osodiad client id yn anghywir).</translation>
    </message>
    <message>
        <source>Tell your Local Administrator.</source>
        <translation>Rhowch wybod i’ch Gweinyddwr Lleol.</translation>
    </message>
    <message>
        <source>{product} refused the app&apos;s sign-in return address.</source>
        <translation>Gwrthododd {product} gyfeiriad dychwelyd mewngofnodi’r ap.</translation>
    </message>
    <message>
        <source>The certificate of {host} is not trusted on this computer. If your network inspects secure traffic, its certificate must be installed. Ask your Local Administrator.</source>
        <translation>Nid yw tystysgrif {host} yn cael ei hymddiried ar y cyfrifiadur hwn. Os yw eich rhwydwaith yn archwilio traffig diogel, rhaid gosod ei thystysgrif. Gofynnwch i’ch Gweinyddwr Lleol.</translation>
    </message>
    <message>
        <source>Cannot reach the sign-in service</source>
        <translation>Methu cyrraedd y gwasanaeth mewngofnodi</translation>
    </message>
    <message>
        <source>Could not connect to {host}. Check the network connection and any proxy settings, then try again.</source>
        <translation>Nid oedd modd cysylltu â {host}. Gwiriwch y cysylltiad rhwydwaith ac unrhyw osodiadau dirprwy (proxy), yna rhowch gynnig arall arni.</translation>
    </message>
    <message>
        <source>{product} refused the sign-in.</source>
        <translation>Gwrthododd {product} y mewngofnodi.</translation>
    </message>
    <message>
        <source>Select Sign in again. If it keeps happening, contact your Local Administrator.</source>
        <translation>Dewiswch Mewngofnodi eto. Os yw’n dal i ddigwydd, cysylltwch â’ch Gweinyddwr Lleol.</translation>
    </message>
    <message>
        <source>Please sign in</source>
        <translation>Mewngofnodwch</translation>
    </message>
    <message>
        <source>Sign in with your {product} account.</source>
        <translation>Mewngofnodwch gyda’ch cyfrif {product}.</translation>
    </message>
    <message>
        <source>Sign-in did not work</source>
        <translation>Ni weithiodd y mewngofnodi</translation>
    </message>
    <message>
        <source>Something went wrong during sign-in. Try again.</source>
        <translation>Aeth rhywbeth o’i le wrth fewngofnodi. Rhowch gynnig arall arni.</translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <source>Start now</source>
        <translation>Dechrau nawr</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>Gwirio eto</translation>
    </message>
    <message>
        <source>Link your NHS Smartcard to your {product} account</source>
        <translation>Cysylltu eich Cerdyn Clyfar GIG â’ch cyfrif {product}</translation>
    </message>
    <message>
        <source>It takes about 2 minutes. You will:</source>
        <translation>Mae’n cymryd tua 2 funud. Byddwch yn:</translation>
    </message>
    <message>
        <source>Sign in with your {product} account in your web browser.</source>
        <translation>Mewngofnodi gyda’ch cyfrif {product} yn eich porwr gwe.</translation>
    </message>
    <message>
        <source>Insert your NHS Smartcard and enter its passcode.</source>
        <translation>Rhoi eich Cerdyn Clyfar GIG i mewn a rhoi ei god pas.</translation>
    </message>
    <message>
        <source>Check the details and confirm.</source>
        <translation>Gwirio’r manylion a chadarnhau.</translation>
    </message>
    <message>
        <source>Checking this computer is ready</source>
        <translation>Yn gwirio bod y cyfrifiadur hwn yn barod</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>yn barod</translation>
    </message>
    <message>
        <source>problem</source>
        <translation>problem</translation>
    </message>
    <message>
        <source>checking</source>
        <translation>yn gwirio</translation>
    </message>
    <message>
        <source>not checked yet</source>
        <translation>heb ei wirio eto</translation>
    </message>
    <message>
        <source>This app is not set up correctly, so it cannot link yet: {problem}</source>
        <translation>Nid yw’r ap hwn wedi’i osod yn gywir, felly nid oes modd cysylltu eto: {problem}</translation>
    </message>
</context>
</TS>
