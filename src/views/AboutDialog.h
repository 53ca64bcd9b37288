#pragma once

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QPushButton;
class QTableWidget;

namespace TwinBridge {

// Help ▸ About TwinBridge: the version, what the program does, and the versions of Qt, OpenSSL,
// libmosquitto and QtKeychain (with a button that copies them for a bug report).
class AboutDialog : public QDialog
{
    Q_OBJECT

public:
    explicit AboutDialog(QWidget *parent = nullptr);

    // The text "Copy versions" puts on the clipboard.
    QString versionsText() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void copyVersions();

    QLabel *m_iconLabel = nullptr;
    QLabel *m_titleLabel = nullptr;
    QLabel *m_descriptionLabel = nullptr;
    QLabel *m_componentsLabel = nullptr;
    QTableWidget *m_componentsTable = nullptr;
    QPushButton *m_copyButton = nullptr;
    QDialogButtonBox *m_buttonBox = nullptr;
};

} // namespace TwinBridge
